package dev.eventline.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.eventline.lambda.LambdaEnvironment;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String LAMBDA_HEADER =
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.exportingTo(exporter, CLOCK, "orders-api");

    @AfterEach
    void clear_the_invocation_header() {
        System.clearProperty("com.amazonaws.xray.traceHeader");
    }

    @Test
    void without_an_otlp_endpoint_tracing_is_disabled_and_just_runs_the_work() {
        Tracing disabled = Tracing.fromEnvironment(new LambdaEnvironment(Map.of()), CLOCK);

        assertThat(disabled.isEnabled()).isFalse();
        assertThat(disabled.inSubsegment("Project", Map.of("correlationId", "c"), () -> 42))
                .isEqualTo(42);
    }

    @Test
    void an_otlp_endpoint_enables_tracing_unless_the_sdk_is_disabled() {
        Tracing enabled = Tracing.fromEnvironment(
                new LambdaEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1")), CLOCK);
        Tracing off = Tracing.fromEnvironment(
                new LambdaEnvironment(
                        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1", "OTEL_SDK_DISABLED", "true")),
                CLOCK);

        assertThat(enabled.isEnabled()).isTrue();
        assertThat(off.isEnabled()).isFalse();
    }

    @Test
    void with_an_otlp_endpoint_the_invocation_s_spans_are_posted_before_it_returns() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            Tracing exporting = Tracing.fromEnvironment(
                    new LambdaEnvironment(Map.of(
                            "OTEL_EXPORTER_OTLP_ENDPOINT",
                            "http://127.0.0.1:" + collector.getAddress().getPort() + "/")),
                    Clock.systemUTC());

            exporting.inSubsegment("Project", Map.of("correlationId", "corr-1"), () -> 1);

            assertThat(received).singleElement().asString().startsWith("application/x-protobuf ");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void a_span_carries_the_annotations_x_ray_accepts_and_names_them_as_annotations() {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("correlationId", "corr-1");
        annotations.put("originTraceId", null);
        annotations.put("not a valid key", "x");
        annotations.put("eventId", "e".repeat(1200));

        assertThat(tracing.inSubsegment("Project", annotations, () -> "done")).isEqualTo("done");

        SpanData span = exporter.getFinishedSpanItems().getFirst();
        assertThat(span.getName()).isEqualTo("Project");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("correlationId")))
                .isEqualTo("corr-1");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("eventId"))).hasSize(1000);
        assertThat(span.getAttributes().get(Tracing.XRAY_ANNOTATIONS)).containsExactly("correlationId", "eventId");
        assertThat(span.getAttributes().size()).isEqualTo(3);
    }

    @Test
    void trace_ids_begin_with_the_epoch_second_as_x_ray_requires() {
        tracing.inSubsegment("Project", Map.of(), () -> null);

        String traceId = exporter.getFinishedSpanItems().getFirst().getTraceId();
        assertThat(traceId.substring(0, 8)).isEqualTo(Long.toHexString(NOW.getEpochSecond()));
    }

    @Test
    void the_outermost_span_is_a_child_of_the_lambda_segment_and_nested_spans_of_it() {
        System.setProperty("com.amazonaws.xray.traceHeader", LAMBDA_HEADER);

        tracing.inSubsegment("Outer", Map.of(), () -> tracing.inSubsegment("Inner", Map.of(), () -> 1));

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData inner = spans.get(0);
        SpanData outer = spans.get(1);
        assertThat(outer.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(outer.getParentSpanId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(inner.getTraceId()).isEqualTo(outer.getTraceId());
        assertThat(inner.getParentSpanId()).isEqualTo(outer.getSpanId());
    }

    @Test
    void an_unsampled_lambda_invocation_exports_no_span() {
        System.setProperty("com.amazonaws.xray.traceHeader", LAMBDA_HEADER.replace("Sampled=1", "Sampled=0"));

        tracing.inSubsegment("Project", Map.of(), () -> 1);

        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void the_work_s_exception_is_recorded_on_the_span_and_rethrown_unchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> tracing.inSubsegment("Project", Map.of(), () -> {
                    throw failure;
                }))
                .isSameAs(failure);
        SpanData span = exporter.getFinishedSpanItems().getFirst();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents())
                .anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }
}
