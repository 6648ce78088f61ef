package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order's life through the HTTP API, against DynamoDB, checked in the events table. */
@WithEmulator
class OrderLifecycleTest {
    /** The handler's, at the real time: its idempotency keys' TTL must not lie in the past. */
    private static final Clock CLOCK = MutableClock.startingNow();

    private static final String TRACE = "Root=1-6746f2a0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> accessLog = new CopyOnWriteArrayList<>();
    private final CommandApiHandler handler;
    private final EventsTable table;

    OrderLifecycleTest(Emulator emulator) {
        LambdaEnvironment env = new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class));
        handler = new CommandApiHandler(env, new AwsClients(env), CLOCK, accessLog::add);
        table = new EventsTable(emulator);
    }

    @AfterEach
    void clearTrace() {
        System.clearProperty("com.amazonaws.xray.traceHeader");
    }

    private Response send(HttpApiEvent event) {
        return Response.of(handler.handleRequest(event, null));
    }

    @Test
    void an_order_is_placed_edited_confirmed_paid_shipped_and_delivered() {
        Response placed = send(event("place-order")).assertCommand(201, 1, "OrderPlaced");
        String orderId = placed.orderId();
        assertThat(UUID.fromString(orderId)).as("server-generated id").isNotNull();
        assertThat(placed.header("Location")).isEqualTo("/orders/" + orderId);
        assertThat(placed.body().path("status").asText()).isEqualTo("PLACED");
        assertThat(placed.body().path("currency").asText()).isEqualTo("EUR");
        assertThat(placed.body().path("total").asLong()).isEqualTo(3998);

        Response added = send(event("add-item", orderId)).assertCommand(200, 2, "ItemAdded");
        assertThat(added.body().path("total").asLong()).isEqualTo(4498);
        Response removed = send(event("remove-item", orderId)).assertCommand(200, 3, "ItemRemoved");
        assertThat(removed.body().path("total").asLong()).isEqualTo(3998);
        assertThat(send(event("confirm", orderId))
                        .assertCommand(200, 4, "OrderConfirmed")
                        .body()
                        .path("status")
                        .asText())
                .isEqualTo("CONFIRMED");
        assertThat(send(event("pay", orderId))
                        .assertCommand(200, 5, "PaymentCaptured")
                        .body()
                        .path("status")
                        .asText())
                .isEqualTo("PAID");
        assertThat(send(event("ship", orderId))
                        .assertCommand(200, 6, "OrderShipped")
                        .body()
                        .path("status")
                        .asText())
                .isEqualTo("SHIPPED");
        Response delivered = send(event("deliver", orderId)).assertCommand(200, 7, "OrderDelivered");
        assertThat(delivered.body().path("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivered.header("Location"))
                .as("only creates have a Location")
                .isNull();

        assertThat(table.types(orderId))
                .containsExactly(
                        "OrderPlaced",
                        "ItemAdded",
                        "ItemRemoved",
                        "OrderConfirmed",
                        "PaymentCaptured",
                        "OrderShipped",
                        "OrderDelivered");
        assertThat(table.events(orderId))
                .extracting(RecordedEvent::version)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void events_carry_where_the_command_came_from() {
        System.setProperty("com.amazonaws.xray.traceHeader", TRACE);
        String orderId = send(event("place-order")).orderId();
        send(event("add-item", orderId)).assertCommand(200, 2, "ItemAdded");

        List<RecordedEvent> events = table.events(orderId);
        EventMetadata placed = events.get(0).metadata();
        assertThat(placed.correlationId()).isEqualTo("corr-place-order");
        assertThat(placed.actor()).isEqualTo("user-42");
        assertThat(placed.traceId()).isEqualTo(TRACE);
        assertThat(placed.occurredAt()).isEqualTo(CLOCK.instant());
        assertThat(placed.causationId()).isEqualTo(placed.commandId());
        assertThat(UUID.fromString(placed.commandId())).isNotNull();
        EventMetadata added = events.get(1).metadata();
        assertThat(added.correlationId()).isEqualTo("corr-add-item");
        assertThat(added.commandId()).as("a new command id per request").isNotEqualTo(placed.commandId());
        JsonNode data = json(events.get(1).data());
        assertThat(data.path("sku").asText()).isEqualTo("SKU-2");
    }

    @Test
    void without_a_correlation_id_the_request_id_correlates() {
        HttpApiEvent request = ApiSamples.withoutHeader(event("place-order"), "X-Correlation-Id");
        Response placed = send(request);

        assertThat(placed.header("X-Correlation-Id"))
                .isEqualTo(request.requestContext().requestId());
        assertThat(table.events(placed.orderId()).getFirst().metadata().correlationId())
                .isEqualTo(request.requestContext().requestId());
    }

    @Test
    void a_repeated_command_that_is_already_satisfied_records_nothing() {
        String orderId = send(event("place-order")).orderId();
        send(event("confirm", orderId)).assertCommand(200, 2, "OrderConfirmed");
        long before = table.count();

        send(event("confirm", orderId)).assertCommand(200, 2);

        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void a_client_chosen_order_id_makes_the_create_idempotent() {
        String orderId = "client-" + UUID.randomUUID();
        Response created = send(event("place-order-with-id", orderId)).assertCommand(201, 1, "OrderPlaced");
        assertThat(created.orderId()).isEqualTo(orderId);
        assertThat(created.header("Location")).isEqualTo("/orders/" + orderId);
        long before = table.count();

        Response again = send(event("place-order-with-id", orderId)).assertCommand(200, 1);

        assertThat(again.header("Location")).isEqualTo("/orders/" + orderId);
        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void a_different_order_under_a_taken_id_is_refused() {
        String orderId = "client-" + UUID.randomUUID();
        send(event("place-order-with-id", orderId)).assertCommand(201, 1, "OrderPlaced");

        Response refused = send(withBody(
                event("place-order-with-id", orderId),
                "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-2\",\"currency\":\"EUR\"}"));

        refused.assertProblem(422, "unprocessable-content");
        assertThat(refused.body().path("code").asText()).isEqualTo("ORDER_ALREADY_EXISTS");
        assertThat(table.types(orderId)).containsExactly("OrderPlaced");
    }

    @Test
    void an_order_can_be_cancelled_until_it_ships_and_then_no_longer_changes() {
        String orderId = send(event("place-order")).orderId();
        Response cancelled = send(event("cancel", orderId)).assertCommand(200, 2, "OrderCancelled");
        assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");

        Response refused = send(event("add-item", orderId)).assertProblem(422, "unprocessable-content");

        assertThat(refused.body().path("code").asText()).isEqualTo("ORDER_CANCELLED");
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "OrderCancelled");
    }

    @Test
    void one_json_log_line_per_request_names_route_status_latency_and_order() {
        String orderId = send(event("place-order")).orderId();
        send(event("add-item", orderId));
        send(event("unknown-route", orderId));

        assertThat(accessLog).hasSize(3);
        JsonNode placed = json(accessLog.get(0));
        assertThat(placed.path("method").asText()).isEqualTo("POST");
        assertThat(placed.path("route").asText()).isEqualTo("POST /orders");
        assertThat(placed.path("status").asInt()).isEqualTo(201);
        assertThat(placed.path("latencyMs").isIntegralNumber()).isTrue();
        assertThat(placed.path("correlationId").asText()).isEqualTo("corr-place-order");
        assertThat(placed.path("location").asText()).isEqualTo("/orders/" + orderId);
        JsonNode added = json(accessLog.get(1));
        assertThat(added.path("route").asText()).isEqualTo("POST /orders/{orderId}/items");
        assertThat(added.path("orderId").asText()).isEqualTo(orderId);
        JsonNode unmatched = json(accessLog.get(2));
        assertThat(unmatched.path("status").asInt()).isEqualTo(404);
        assertThat(unmatched.path("route").isNull()).isTrue();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
