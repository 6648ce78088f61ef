package dev.eventline.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** How a hop relates to the request behind its events, and how SDK calls appear inside a span. */
class SpanLinksTest {
    private static final String REQUEST_HEADER =
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final String PUBLICATION_TRACEPARENT = "00-6a1b2c3d4e5f60718293a4b5c6d7e8f9-0123456789abcdef-01";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.exportingTo(exporter, Clock.systemUTC(), "ordering-projector");

    @Test
    void a_span_links_to_each_context_its_events_carry_in_either_form_with_the_ids_that_relate_them() {
        tracing.inSpan(
                "ProjectOrderStream",
                Map.of("streamId", "Order-1"),
                List.of(
                        Tracing.Link.to(REQUEST_HEADER, Map.of("eventId", "e-1", "correlationId", "corr-1")),
                        Tracing.Link.to(PUBLICATION_TRACEPARENT, Map.of("eventId", "e-2")),
                        Tracing.Link.to("not a trace context", Map.of("eventId", "e-3")),
                        Tracing.Link.to(null, Map.of("eventId", "e-4"))),
                () -> 1);

        SpanData span = exporter.getFinishedSpanItems().getFirst();
        assertThat(span.getLinks())
                .extracting(l -> l.getSpanContext().getTraceId() + "/"
                        + l.getSpanContext().getSpanId())
                .containsExactly(
                        "5759e988bd862e3fe1be46a994272793/53995c3f42cd8ad8",
                        "6a1b2c3d4e5f60718293a4b5c6d7e8f9/0123456789abcdef");
        LinkData toRequest = span.getLinks().getFirst();
        assertThat(toRequest.getAttributes().get(AttributeKey.stringKey("correlationId")))
                .isEqualTo("corr-1");
        assertThat(toRequest.getAttributes().get(AttributeKey.stringKey("eventId")))
                .isEqualTo("e-1");
        assertThat(span.getParentSpanContext().isValid()).isFalse(); // its own invocation, not the request's
    }

    @Test
    void inside_a_span_the_trace_context_handed_downstream_names_that_span() {
        String[] handedOn = new String[1];
        tracing.inSubsegment("ordering-command-api", Map.of(), () -> {
            handedOn[0] = Tracing.currentTraceHeader().orElseThrow();
        });

        SpanData request = exporter.getFinishedSpanItems().getFirst();
        String traceId = request.getTraceId();
        assertThat(handedOn[0])
                .isEqualTo("Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8) + ";Parent="
                        + request.getSpanId() + ";Sampled=1");
        assertThat(Tracing.traceparent(handedOn[0])).contains("00-" + traceId + "-" + request.getSpanId() + "-01");
    }

    @Test
    void outside_any_span_no_trace_context_is_invented() {
        assertThat(Tracing.currentTraceHeader()).isEmpty();
        assertThat(Tracing.traceparent("Root=1-garbage")).isEmpty();
    }

    @Test
    void an_sdk_call_inside_a_span_is_a_client_child_span_that_records_its_failure() {
        LambdaEnvironment env = new LambdaEnvironment(Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1", // nothing listens: the call fails fast
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test"));
        try (DynamoDbClient dynamoDb = new AwsClients(env).dynamoDb()) {
            assertThatThrownBy(() -> tracing.inSubsegment(
                            "ordering-command-api",
                            Map.of(),
                            () -> dynamoDb.getItem(
                                    b -> b.tableName("orders-events").key(Map.of()))))
                    .isInstanceOf(SdkClientException.class);
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData request = spans.stream()
                .filter(s -> s.getName().equals("ordering-command-api"))
                .findFirst()
                .orElseThrow();
        SpanData call = spans.stream()
                .filter(s -> s.getName().equals("DynamoDb.GetItem"))
                .findFirst()
                .orElseThrow();
        assertThat(call.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.getAttributes().get(AttributeKey.stringKey("aws.dynamodb.table_names")))
                .isEqualTo("orders-events");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("rpc.method")))
                .isEqualTo("GetItem");
    }
}
