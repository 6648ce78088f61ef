package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * References to resources of other stacks, by their physical names. Stacks share names, not
 * CloudFormation exports: no export can block an update, and the templates stay readable by the
 * local provisioner. The order of deployment is declared with stack dependencies instead.
 */
final class PlatformImports {

    private PlatformImports() {}

    static IEventBus eventBus(Construct scope, ResourceNames names) {
        return EventBus.fromEventBusName(scope, "PlatformEventBus", names.eventBus());
    }

    static ITopic alarmTopic(Construct scope, ResourceNames names) {
        var existing = scope.getNode().tryFindChild("AlarmTopic");
        if (existing instanceof ITopic topic) {
            return topic;
        }
        String arn = Stack.of(scope)
                .formatArn(ArnComponents.builder()
                        .service("sns")
                        .resource(names.alarmTopic())
                        .build());
        return Topic.fromTopicArn(scope, "AlarmTopic", arn);
    }

    /** The {@code live} alias of a function deployed by another stack. */
    static IFunction liveAlias(Construct scope, String id, String functionName) {
        String arn = Stack.of(scope)
                .formatArn(ArnComponents.builder()
                        .service("lambda")
                        .resource("function")
                        .resourceName(functionName + ":" + EventlineFunction.LIVE_ALIAS)
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build());
        return Function.fromFunctionAttributes(
                scope,
                id,
                FunctionAttributes.builder()
                        .functionArn(arn)
                        .sameEnvironment(true)
                        .build());
    }
}
