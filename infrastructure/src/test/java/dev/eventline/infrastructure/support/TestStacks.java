package dev.eventline.infrastructure.support;

import dev.eventline.infrastructure.assets.FunctionAssets;
import dev.eventline.infrastructure.assets.PlaceholderAssets;
import dev.eventline.infrastructure.config.EnvironmentConfig.AlarmThresholds;
import dev.eventline.infrastructure.config.EnvironmentConfig.FunctionSizing;
import dev.eventline.infrastructure.config.EnvironmentConfig.StreamConsumption;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.FunctionDefaults;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;

/** Small stacks for testing one construct at a time, checked by cdk-nag like the real ones. */
public final class TestStacks {

    private static FunctionAssets assets;

    private TestStacks() {}

    public static Stack newStack() {
        var app = new App(AppProps.builder()
                .outdir(temporaryDirectory("eventline-construct").toString())
                .build());
        Aspects.of(app)
                .add(new AwsSolutionsChecks(
                        NagPackProps.builder().reports(false).build()));
        return new Stack(app, "Test");
    }

    public static synchronized FunctionAssets placeholderAssets() {
        if (assets == null) {
            assets = PlaceholderAssets.createIn(temporaryDirectory("eventline-assets"));
        }
        return assets;
    }

    public static final String ALARM_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:eventline-test-alarms";
    public static final AlarmThresholds THRESHOLDS =
            new AlarmThresholds(1_000, 0.1, 2, 3, 4, Duration.ofMinutes(1), 2, 5_000);
    public static final StreamConsumption STREAMS =
            new StreamConsumption(50, Duration.ofSeconds(2), 4, Duration.ofMinutes(30), 3);
    public static final FunctionDefaults DEFAULTS =
            new FunctionDefaults("Eventline/test", "INFO", RetentionDays.ONE_DAY, RemovalPolicy.DESTROY);

    public static Alerting alerting(Stack stack) {
        return new Alerting(
                Topic.fromTopicArn(stack, "Alarms", ALARM_TOPIC_ARN), THRESHOLDS, new ResourceNames("test"));
    }

    public static EventlineFunction.Props.Builder function(FunctionSpec spec) {
        return EventlineFunction.Props.builder()
                .spec(spec)
                .functionName("eventline-test-" + spec.service())
                .code(placeholderAssets().code(spec))
                .sizing(new FunctionSizing(256, Duration.ofSeconds(20), 3))
                .defaults(DEFAULTS);
    }

    /** Errors and warnings of the synthesized stack (cdk-nag findings included). */
    @SuppressWarnings("deprecation") // cxapi messages: the only reader of synthesis messages in Java
    public static List<String> findings(Stack stack) {
        var app = (App) stack.getNode().getRoot();
        return app.synth().getStackByName(stack.getStackName()).getMessages().stream()
                .filter(message -> message.getLevel() != software.amazon.awscdk.cxapi.SynthesisMessageLevel.INFO)
                .map(message -> message.getId() + ": " + message.getEntry().getData())
                .toList();
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
