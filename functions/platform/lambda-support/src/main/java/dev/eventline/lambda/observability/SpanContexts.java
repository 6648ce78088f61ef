package dev.eventline.lambda.observability;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two forms a trace context travels in between hops: the X-Ray trace header (event metadata,
 * EventBridge's {@code TraceHeader}) and the W3C {@code traceparent} (the CloudEvents distributed
 * tracing extension on the bus).
 */
final class SpanContexts {
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private SpanContexts() {}

    /** The remote context {@code origin} names; empty when it is null or malformed. */
    static Optional<SpanContext> parse(String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        var w3c = TRACEPARENT.matcher(origin.trim());
        if (w3c.matches()) {
            SpanContext context = SpanContext.createFromRemoteParent(
                    w3c.group(1), w3c.group(2), TraceFlags.fromHex(w3c.group(3), 0), TraceState.getDefault());
            return context.isValid() ? Optional.of(context) : Optional.empty();
        }
        return XrayTraceHeader.parse(origin);
    }

    static String traceparent(SpanContext context) {
        if (!TraceId.isValid(context.getTraceId()) || !SpanId.isValid(context.getSpanId())) {
            throw new IllegalArgumentException("invalid span context " + context);
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }
}
