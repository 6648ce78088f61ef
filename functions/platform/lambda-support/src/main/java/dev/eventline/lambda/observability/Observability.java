package dev.eventline.lambda.observability;

import dev.eventline.lambda.LambdaEnvironment;
import java.time.Clock;

/**
 * The three signals a handler emits, built once per container from its environment:
 * {@code Observability obs = Observability.fromEnvironment(env, clock);} then
 * {@code obs.log().with("correlationId", id).info("...")}, {@code obs.metrics().count("EventsPublished", n)}
 * and {@code obs.metrics().flush()} at the end of each invocation, {@code obs.tracing().inSubsegment(...)}.
 */
public record Observability(StructuredLogger log, EmfMetrics metrics, Tracing tracing) {

    /** @param clock the handler's clock, the one its other components read too */
    public static Observability fromEnvironment(LambdaEnvironment env, Clock clock) {
        return new Observability(
                StructuredLogger.fromEnvironment(env, clock),
                EmfMetrics.fromEnvironment(env, clock),
                Tracing.fromEnvironment(env, clock));
    }

    /**
     * Writes nothing and traces nothing: for work that is not a real invocation (SnapStart priming)
     * and for benchmarks, whose figures a log line per request would distort.
     */
    public static Observability discarding(String service, Clock clock) {
        return new Observability(
                StructuredLogger.create(service, StructuredLogger.Level.ERROR, line -> {}, clock),
                new EmfMetrics("discarded", service, line -> {}, clock, false),
                Tracing.disabled());
    }

    /**
     * For SnapStart priming: formats every log line and metric as the function's own would, so that
     * code is warm in the snapshot, into sinks that drop them.
     */
    public static Observability priming(Clock clock) {
        return new Observability(
                StructuredLogger.create("priming", StructuredLogger.Level.INFO, line -> {}, clock),
                new EmfMetrics("priming", "priming", line -> {}, clock, true),
                Tracing.disabled());
    }
}
