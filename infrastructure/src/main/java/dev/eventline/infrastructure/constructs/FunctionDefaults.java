package dev.eventline.infrastructure.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What every function of an environment shares.
 *
 * @param metricsNamespace {@code POWERTOOLS_METRICS_NAMESPACE}, e.g. {@code Eventline/dev}
 * @param logLevel         {@code POWERTOOLS_LOG_LEVEL}
 * @param logRetention     retention of the function's log group
 * @param removalPolicy    of the log group
 */
public record FunctionDefaults(
        String metricsNamespace, String logLevel, RetentionDays logRetention, RemovalPolicy removalPolicy) {
    public FunctionDefaults {
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
    }
}
