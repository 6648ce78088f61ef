package dev.eventline.lambda.observability;

import dev.eventline.lambda.LambdaEnvironment;

/**
 * The three signals a handler emits, built once per container from its environment:
 * {@code Observability obs = Observability.fromEnvironment(env);} then
 * {@code obs.log().with("correlationId", id).info("...")}, {@code obs.metrics().count("EventsPublished", n)}
 * and {@code obs.metrics().flush()} at the end of each invocation, {@code obs.tracing().inSubsegment(...)}.
 */
public record Observability(StructuredLogger log, EmfMetrics metrics, Tracing tracing) {

    public static Observability fromEnvironment(LambdaEnvironment env) {
        return new Observability(StructuredLogger.fromEnvironment(env), EmfMetrics.fromEnvironment(env),
                Tracing.fromEnvironment(env));
    }
}
