package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.local.OtlpCollector.ReceivedLink;
import dev.eventline.local.OtlpCollector.ReceivedSpan;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One order's trace through the local runtime, every function exporting OTLP to a collector in the
 * test as they export to the collector extension in Lambda: the request span with its DynamoDB
 * client spans, then the projector, the publisher and the shipping subscriber, each in its own
 * invocation and linked to the span that caused its work.
 */
@WithEmulator
class OrderTraceEndToEndTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final String SHIP = "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD014600006281230704\"}";
    private static final List<String> TRACED = List.of(
            "eventline-dev-ordering-command-api",
            "eventline-dev-ordering-query-api",
            "eventline-dev-ordering-projector",
            "eventline-dev-ordering-publisher",
            "eventline-dev-shipping-notifications");

    private final Emulator emulator;
    private final OtlpCollector collector = OtlpCollector.start();
    private LocalRuntime runtime;

    OrderTraceEndToEndTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        collector.close();
    }

    @Test
    void place_project_publish_notify_are_spans_linked_back_to_the_requests_that_caused_them() {
        Map<String, Map<String, String>> exporting = new HashMap<>();
        TRACED.forEach(function ->
                exporting.put(function, Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.tracesEndpoint())));
        runtime = LocalRuntime.start(
                emulator.resources(),
                emulator.endpoint(),
                RuntimeSettings.FAST,
                Optional.of(0),
                exporting,
                Clock.systemUTC());
        OrdersApi api = new OrdersApi(runtime.httpUri());

        String orderId = OrdersApi.orderIdOf(api.place("c-" + UUID.randomUUID()));
        api.command(orderId, "items", "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":500}");
        api.command(orderId, "confirm", null);
        api.command(orderId, "pay", "{\"amount\":4498}");
        api.command(orderId, "ship", SHIP);
        JsonNode events = api.get("/orders/" + orderId + "/events").body().path("events");
        JsonNode placed = events.get(0);
        JsonNode shipped = events.get(events.size() - 1);
        assertThat(shipped.path("type").asText()).isEqualTo("OrderShipped");
        Origin placeRequest = Origin.of(placed.path("metadata").path("traceId").asText());
        Origin shipRequest = Origin.of(shipped.path("metadata").path("traceId").asText());
        String correlationId = placed.path("metadata").path("correlationId").asText();

        // place: the request's span, its DynamoDB calls as its children
        ReceivedSpan request = awaitSpan(s -> placeRequest.is(s.traceId(), s.spanId()));
        assertThat(request.service()).isEqualTo("eventline-dev-ordering-command-api");
        assertThat(request.attributes()).containsEntry("correlationId", correlationId);
        assertThat(collector.spans())
                .filteredOn(s -> s.parentSpanId().equals(request.spanId()))
                .extracting(ReceivedSpan::name)
                .isNotEmpty()
                .allMatch(name -> name.startsWith("DynamoDb."));

        // project: its own invocation, linked to the request, with the ids that relate them
        ReceivedSpan projection = awaitSpan(s -> s.name().equals("ProjectOrderStream") && linksTo(s, placeRequest));
        assertThat(projection.service()).isEqualTo("eventline-dev-ordering-projector");
        assertThat(projection.traceId()).isNotEqualTo(placeRequest.traceId());
        assertThat(linkTo(projection, placeRequest).attributes())
                .containsEntry("correlationId", correlationId)
                .containsEntry("eventId", placed.path("eventId").asText())
                .containsEntry(
                        "causationId",
                        placed.path("metadata").path("causationId").asText());
        assertThat(collector.spans())
                .anyMatch(s ->
                        s.parentSpanId().equals(projection.spanId()) && s.name().startsWith("DynamoDb."));

        // publish: linked to the request of each event it put on the bus
        ReceivedSpan publication = awaitSpan(s -> s.name().equals("PublishOrderEvents") && linksTo(s, shipRequest));
        assertThat(publication.service()).isEqualTo("eventline-dev-ordering-publisher");
        assertThat(collector.spans())
                .anyMatch(s -> s.parentSpanId().equals(publication.spanId())
                        && s.name().equals("EventBridge.PutEvents"));

        // notify: the CloudEvent's traceparent links the subscriber to the publication that carried it
        ReceivedSpan notification = awaitSpan(s -> s.name().equals("RecordShippingNotification")
                && orderId.equals(s.attributes().get("orderId")));
        assertThat(notification.service()).isEqualTo("eventline-dev-shipping-notifications");
        assertThat(notification.attributes())
                .containsEntry(
                        "correlationId",
                        shipped.path("metadata").path("correlationId").asText())
                .containsEntry("eventId", shipped.path("eventId").asText())
                .containsEntry(
                        "causationId",
                        shipped.path("metadata").path("causationId").asText());
        ReceivedLink toPublication = notification.links().getFirst();
        ReceivedSpan carrier = awaitSpan(
                s -> s.traceId().equals(toPublication.traceId()) && s.spanId().equals(toPublication.spanId()));
        assertThat(carrier.name()).isEqualTo("PublishOrderEvents");
        assertThat(linksTo(carrier, shipRequest)).isTrue();
    }

    private ReceivedSpan awaitSpan(Predicate<ReceivedSpan> wanted) {
        return await().atMost(CONVERGENCE)
                .until(() -> collector.spans().stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static boolean linksTo(ReceivedSpan span, Origin origin) {
        return span.links().stream().anyMatch(l -> origin.is(l.traceId(), l.spanId()));
    }

    private static ReceivedLink linkTo(ReceivedSpan span, Origin origin) {
        return span.links().stream()
                .filter(l -> origin.is(l.traceId(), l.spanId()))
                .findFirst()
                .orElseThrow();
    }

    /** The span an event's trace header ({@code Root=1-xxxxxxxx-yyyy…;Parent=zzzz…;Sampled=1}) names. */
    private record Origin(String traceId, String spanId) {
        static Origin of(String header) {
            String root = null;
            String parent = null;
            for (String part : header.split(";")) {
                if (part.startsWith("Root=1-")) {
                    root = part.substring("Root=1-".length()).replace("-", "");
                } else if (part.startsWith("Parent=")) {
                    parent = part.substring("Parent=".length());
                }
            }
            assertThat(root).as("Root of %s", header).hasSize(32);
            assertThat(parent).as("Parent of %s", header).hasSize(16);
            return new Origin(root, parent);
        }

        boolean is(String traceId, String spanId) {
            return this.traceId.equals(traceId) && this.spanId.equals(spanId);
        }
    }
}
