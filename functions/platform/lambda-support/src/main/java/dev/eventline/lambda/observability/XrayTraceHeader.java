package dev.eventline.lambda.observability;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code X-Amzn-Trace-Id} header ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1})
 * as an OpenTelemetry span context and back. The contrib {@code opentelemetry-aws-xray-propagator}
 * (1.52.0-alpha, the one served) is built against API 1.56 and calls an internal method 1.68 no
 * longer has ({@code NoSuchMethodError} at the first extract), so the few lines live here.
 */
final class XrayTraceHeader {
    private static final Pattern ROOT = Pattern.compile("1-[0-9a-f]{8}-[0-9a-f]{24}");
    private static final Pattern PARENT = Pattern.compile("[0-9a-f]{16}");
    private static final int MAX_LENGTH = 256; // a real header is under 100 characters

    private XrayTraceHeader() {}

    /** The remote parent the header names; empty when it names none or is malformed (then a new trace starts). */
    static Optional<SpanContext> parse(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1");
                default -> {} // Lineage and vendor keys: not part of the span context
            }
        }
        if (root == null
                || parent == null
                || !ROOT.matcher(root).matches()
                || !PARENT.matcher(parent).matches()) {
            return Optional.empty();
        }
        String traceId = root.substring(2, 10) + root.substring(11);
        SpanContext context = SpanContext.createFromRemoteParent(
                traceId, parent, sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return context.isValid() ? Optional.of(context) : Optional.empty();
    }

    /** The header naming {@code context} as the parent: what a downstream hop continues the trace from. */
    static String format(SpanContext context) {
        String traceId = context.getTraceId();
        if (!TraceId.isValid(traceId) || !SpanId.isValid(context.getSpanId())) {
            throw new IllegalArgumentException("invalid span context " + context);
        }
        return "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent=" + context.getSpanId()
                + ";Sampled=" + (context.isSampled() ? "1" : "0");
    }
}
