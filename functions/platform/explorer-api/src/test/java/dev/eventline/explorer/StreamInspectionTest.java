package dev.eventline.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.http.ApiGateway;
import dev.eventline.testsupport.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The explorer's stream route against the emulated events tables, through API Gateway's routing. */
@WithEmulator
class StreamInspectionTest {
    private static final MutableClock CLOCK = MutableClock.startingNow();

    private final Emulator emulator;
    private final ExplorerApiHandler handler;
    private final Map<String, String> environment;

    StreamInspectionTest(Emulator emulator) {
        this.emulator = emulator;
        this.environment = emulator.environmentOf(ExplorerApiHandler.class);
        LambdaEnvironment env = new LambdaEnvironment(environment);
        this.handler = new ExplorerApiHandler(env, new AwsClients(env), CLOCK);
    }

    @Test
    void a_stored_v1_event_is_shown_beside_its_upcast_current_payload() {
        String orderId = "ord-" + UUID.randomUUID();
        append("Order-" + orderId, "OrderPlaced", 1, Samples.text("schemas/ordering/OrderPlaced/v1.json"));

        Response response = get("/explorer/streams/Order-" + orderId + "/events", Map.of());

        assertThat(response.status()).isEqualTo(200);
        var event = response.body().path("events").get(0);
        assertThat(response.body().path("context").asText()).isEqualTo("ordering");
        assertThat(event.path("type").asText()).isEqualTo("OrderPlaced");
        assertThat(event.path("metadata").path("correlationId").asText()).isEqualTo("corr-1");
        assertThat(event.path("stored").path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.path("stored")
                        .path("data")
                        .path("lines")
                        .get(0)
                        .path("price")
                        .asText())
                .isEqualTo("19.99");
        // the current version: the highest schema file of the type (v3 since the contact was added)
        assertThat(event.path("upcast").path("schemaVersion").asInt()).isEqualTo(currentOrderPlacedVersion());
        assertThat(event.path("upcast")
                        .path("data")
                        .path("lines")
                        .get(0)
                        .path("unitPrice")
                        .asLong())
                .isEqualTo(1999);
        assertThat(response.body().path("nextAfter").isNull()).isTrue();
    }

    @Test
    void a_long_stream_is_paged_by_the_callers_limit_within_the_cap() {
        String streamId = "Order-ord-" + UUID.randomUUID();
        String placed = Samples.text("schemas/ordering/OrderPlaced/v2.json");
        append(streamId, "OrderPlaced", 2, placed);
        append(streamId, "OrderConfirmed", 1, "{\"orderId\":\"ord-1001\",\"confirmedAt\":\"2025-03-01T09:05:00Z\"}");

        Response first = get("/explorer/streams/" + streamId + "/events", Map.of("limit", "1"));
        Response second = get("/explorer/streams/" + streamId + "/events", Map.of("limit", "1", "after", "1"));

        assertThat(first.body().path("events")).hasSize(1);
        assertThat(first.body().path("nextAfter").asLong()).isEqualTo(1);
        assertThat(second.body().path("events").get(0).path("version").asLong()).isEqualTo(2);
        get("/explorer/streams/" + streamId + "/events", Map.of("limit", "1001"))
                .assertInvalidField("limit");
        get("/explorer/streams/" + streamId + "/events", Map.of("after", "-1")).assertInvalidField("after");
    }

    @Test
    void a_stream_of_no_known_context_is_not_found_and_a_malformed_id_is_refused() {
        get("/explorer/streams/Invoice-42/events", Map.of()).assertProblem(404, "not-found");
        get("/explorer/streams/nodash/events", Map.of()).assertInvalidField("streamId");
    }

    private void append(String streamId, String type, int schemaVersion, String data) {
        var store = new DynamoDbEventStore(
                emulator.dynamoDb(),
                environment.get(ExplorerApiHandler.ORDERING_EVENTS_TABLE),
                "unused-idempotency-table",
                CLOCK);
        long version = store.readAfter(streamId, 0).size();
        store.append(
                streamId,
                version,
                List.of(new NewEvent(
                        UUID.randomUUID().toString(),
                        type,
                        schemaVersion,
                        data,
                        new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "staff-1", CLOCK.instant()))));
    }

    private Response get(String path, Map<String, String> query) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(Samples.text("api/http-api/get-order.json"))
                .withPath(path)
                .withQuery(query.isEmpty() ? null : new LinkedHashMap<>(query), null);
        event.headers().remove("if-none-match");
        return new Response(
                handler.handleRequest(ApiGateway.deploying(handler.routes()).route(event), null));
    }

    static final class Response extends ApiResponse<Response> {
        Response(dev.eventline.http.HttpApiResponse raw) {
            super(raw);
        }
    }

    private static int currentOrderPlacedVersion() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(
                System.getProperty("eventline.root", "../../..") + "/schemas/ordering/OrderPlaced"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("v[0-9]+\\.schema\\.json"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf('.'))))
                    .max()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
