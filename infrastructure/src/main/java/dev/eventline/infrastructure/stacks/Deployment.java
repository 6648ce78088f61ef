package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.assets.FunctionAssets;
import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventSourcedContext;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.FunctionDefaults;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * What one environment's stacks are built from: its configuration, its names, the function
 * packages, and the event schemas folder.
 */
public record Deployment(EnvironmentConfig config, ResourceNames names, FunctionAssets assets, Path schemasDirectory) {

    public Deployment {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(schemasDirectory, "schemasDirectory");
        if (!names.env().equals(config.name())) {
            throw new IllegalArgumentException("names of " + names.env() + " with config of " + config.name());
        }
    }

    public static Deployment of(EnvironmentConfig config, FunctionAssets assets, Path schemasDirectory) {
        return new Deployment(config, new ResourceNames(config.name()), assets, schemasDirectory);
    }

    StackProps stackProps(String description) {
        var builder = StackProps.builder().description(description).terminationProtection(config.deletionProtection());
        config.target().toCdkEnvironment().ifPresent(builder::env);
        return builder.build();
    }

    FunctionDefaults functionDefaults() {
        return new FunctionDefaults(
                config.metricsNamespace(), config.logLevel(), config.logRetention(), config.removalPolicy());
    }

    /** A function of the catalogue, sized and named for this environment, alarmed through {@code alerting}. */
    EventlineFunction.Props.Builder function(FunctionSpec spec, Alerting alerting) {
        return EventlineFunction.Props.builder()
                .spec(spec)
                .functionName(names.function(spec))
                .code(assets.code(spec))
                .sizing(config.sizing(spec))
                .defaults(functionDefaults())
                .alerting(alerting);
    }

    /** A bounded context's event store, sized and protected for this environment: only its table names differ. */
    EventSourcedContext.Props context(String eventsTableName, String idempotencyTableName, Alerting alerting) {
        return EventSourcedContext.Props.builder()
                .eventsTableName(eventsTableName)
                .idempotencyTableName(idempotencyTableName)
                .consumption(config.streams())
                .removalPolicy(config.removalPolicy())
                .deletionProtection(config.deletionProtection())
                .deadLetterRetention(config.queues().deadLetterRetention())
                .alerting(alerting)
                .breakGlassRoleName(names.eventsBreakGlassRole())
                .build();
    }

    Alerting alerting(Construct scope) {
        return new Alerting(PlatformImports.alarmTopic(scope, names), config.alarms(), names);
    }
}
