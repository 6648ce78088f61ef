package dev.eventline.lambda.observability;

import dev.eventline.lambda.LambdaEnvironment;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * OpenTelemetry spans with searchable attributes ({@code annotation.correlationId = "..."} in X-Ray).
 *
 * <p>Enabled only when an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} or
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}, the collector extension's {@code http://localhost:4318} in
 * Lambda): without one (locally, in tests) no SDK is built and a span is a plain call of the work.
 * Spans carry X-Ray trace ids and are children of Lambda's own segment (read from the invocation's
 * {@code X-Amzn-Trace-Id}, whose sampling decision they follow), so they show in X-Ray where the
 * X-Ray SDK's subsegments did. Tracing never fails the work it observes.
 */
public final class Tracing {
    /** X-Ray drops annotations whose key is not alphanumeric or underscore. */
    private static final Pattern ANNOTATION_KEY = Pattern.compile("[A-Za-z0-9_]{1,500}");

    private static final int MAX_ANNOTATION_VALUE = 1000;

    /**
     * The collector's X-Ray exporter turns the attributes named here into annotations (indexed,
     * searchable); any other attribute becomes metadata, which cannot be searched.
     */
    static final AttributeKey<List<String>> XRAY_ANNOTATIONS = AttributeKey.stringArrayKey("aws.xray.annotations");

    /** A Lambda invocation is short: what is not exported by then would be frozen with the container. */
    private static final long FLUSH_TIMEOUT_MS = 2_000;

    /** The Tracing whose span is current: how the SDK interceptor ({@link AwsSdkSpans}) finds its tracer. */
    static final ContextKey<Tracing> ACTIVE = ContextKey.named("eventline.tracing");

    /**
     * Whether any Tracing in this JVM exports: until one does, {@link AwsSdkSpans} returns before it
     * touches an OpenTelemetry class, so an untraced function pays nothing per SDK call.
     */
    private static volatile boolean anyEnabled;

    private final SdkTracerProvider provider; // null: disabled
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider == null ? null : provider.get("dev.eventline");
        if (provider != null) {
            anyEnabled = true;
        }
    }

    static boolean anyEnabled() {
        return anyEnabled;
    }

    public static Tracing disabled() {
        return new Tracing(null);
    }

    /** Every span exported as it ends, to {@code exporter}: for tests and a local collector. */
    public static Tracing exportingTo(SpanExporter exporter, Clock clock, String service) {
        return new Tracing(provider(SimpleSpanProcessor.create(exporter), clock, service));
    }

    /** @param clock the handler's clock: span times and trace ids read it */
    public static Tracing fromEnvironment(LambdaEnvironment env, Clock clock) {
        if (env.optional("OTEL_SDK_DISABLED").map(Boolean::parseBoolean).orElse(false)) {
            return disabled();
        }
        Optional<String> endpoint = env.optional("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                .or(() -> env.optional("OTEL_EXPORTER_OTLP_ENDPOINT")
                        .map(base -> base.replaceAll("/+$", "") + "/v1/traces"));
        if (endpoint.isEmpty()) {
            return disabled();
        }
        // the collector is a local extension that retries towards X-Ray itself: retrying here would only
        // hold the invocation (the default policy backs off for seconds while the collector is down)
        SpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.get())
                .setRetryPolicy(null)
                .setTimeout(Duration.ofMillis(FLUSH_TIMEOUT_MS))
                .build();
        String service = env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse("eventline");
        return new Tracing(provider(BatchSpanProcessor.builder(exporter).build(), clock, service));
    }

    private static SdkTracerProvider provider(SpanProcessor processor, Clock clock, String service) {
        return SdkTracerProvider.builder()
                .setClock(new OtelClock(clock))
                .setIdGenerator(new XrayIdGenerator(clock))
                .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                .setResource(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"),
                        service,
                        AttributeKey.stringKey("cloud.provider"),
                        "aws")))
                .addSpanProcessor(processor)
                .build();
    }

    public boolean isEnabled() {
        return provider != null;
    }

    /**
     * Runs {@code work} in a span named {@code name} carrying {@code annotations} (null values and
     * keys X-Ray would drop left out); an exception is recorded on the span and rethrown. The
     * outermost span of an invocation is exported before this returns.
     */
    public <T> T inSubsegment(String name, Map<String, String> annotations, Supplier<T> work) {
        return inSpan(name, annotations, List.of(), work);
    }

    public void inSubsegment(String name, Map<String, String> annotations, Runnable work) {
        inSubsegment(name, annotations, () -> {
            work.run();
            return null;
        });
    }

    /**
     * As {@link #inSubsegment}, with a span link to each of {@code links}: how an asynchronous hop
     * (projector, publisher, subscriber, chaser) relates to the requests whose events it handles,
     * while its parent stays its own invocation.
     */
    public <T> T inSpan(String name, Map<String, String> annotations, List<Link> links, Supplier<T> work) {
        if (provider == null) {
            return work.get();
        }
        Span current = Span.current();
        boolean outermost = !current.getSpanContext().isValid();
        Span span = startQuietly(name, annotations, links, outermost);
        Scope scope = Context.current().with(span).with(ACTIVE, this).makeCurrent();
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            scope.close();
            span.end();
            if (outermost) {
                flushQuietly();
            }
        }
    }

    /**
     * The trace context a downstream hop continues from, as an X-Ray trace header: the current span
     * when there is one (the request's span, so links point at it), else Lambda's own segment.
     */
    public static Optional<String> currentTraceHeader() {
        SpanContext current = Span.current().getSpanContext();
        if (current.isValid()) {
            return Optional.of(XrayTraceHeader.format(current));
        }
        return LambdaEnvironment.traceHeader();
    }

    /** {@code origin} (an X-Ray trace header or a {@code traceparent}) as a W3C {@code traceparent}. */
    public static Optional<String> traceparent(String origin) {
        return SpanContexts.parse(origin).map(SpanContexts::traceparent);
    }

    /** A client span for one SDK call, child of the current span (see {@link AwsSdkSpans}). */
    Span startClientSpan(String name, Map<String, String> attributes) {
        try {
            // semantic-convention keys (rpc.method, ...): metadata for X-Ray, not annotations
            SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT);
            attributes.forEach(builder::setAttribute);
            return builder.startSpan();
        } catch (RuntimeException tracingFailure) {
            return Span.getInvalid();
        }
    }

    private Span startQuietly(String name, Map<String, String> annotations, List<Link> links, boolean outermost) {
        try {
            Context parent = outermost ? lambdaSegment() : Context.current();
            SpanBuilder builder = tracer.spanBuilder(name).setParent(parent).setAllAttributes(attributes(annotations));
            for (Link link : links) {
                SpanContexts.parse(link.origin()).ifPresent(origin -> builder.addLink(origin, link.attributes()));
            }
            return builder.startSpan();
        } catch (RuntimeException tracingFailure) {
            return Span.getInvalid(); // tracing must never fail the work it observes
        }
    }

    /**
     * A span link: the trace context an event carries ({@code origin}: an X-Ray trace header or a W3C
     * {@code traceparent}; null or malformed, no link is made) and what relates the event to it
     * (correlation, causation and event ids; null values left out).
     */
    public record Link(String origin, Attributes attributes) {
        public static Link to(String origin, Map<String, String> attributes) {
            AttributesBuilder builder = Attributes.builder();
            attributes.forEach((key, value) -> {
                if (value != null) {
                    builder.put(key, value);
                }
            });
            return new Link(origin, builder.build());
        }
    }

    /** The invocation's X-Ray segment, as the parent of the outermost span; the root when there is none. */
    private static Context lambdaSegment() {
        return LambdaEnvironment.traceHeader()
                .flatMap(XrayTraceHeader::parse)
                .map(segment -> Context.root().with(Span.wrap(segment)))
                .orElse(Context.root());
    }

    private void flushQuietly() {
        try {
            provider.forceFlush().join(FLUSH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException tracingFailure) {
            // same: the work has already completed; an unexported span is a gap in a trace, not lost data
        }
    }

    static Attributes attributes(Map<String, String> annotations) {
        AttributesBuilder attributes = Attributes.builder();
        List<String> keys = new ArrayList<>();
        annotations.forEach((key, value) -> {
            if (value != null && ANNOTATION_KEY.matcher(key).matches()) {
                attributes.put(
                        key, value.length() > MAX_ANNOTATION_VALUE ? value.substring(0, MAX_ANNOTATION_VALUE) : value);
                keys.add(key);
            }
        });
        if (!keys.isEmpty()) {
            keys.sort(null);
            attributes.put(XRAY_ANNOTATIONS, keys);
        }
        return attributes.build();
    }

    /** The handler's clock as the SDK's: one clock per component. */
    private record OtelClock(Clock clock) implements io.opentelemetry.sdk.common.Clock {
        @Override
        public long now() {
            var instant = clock.instant();
            return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime(); // durations: monotonic, as the SDK's default clock
        }
    }
}
