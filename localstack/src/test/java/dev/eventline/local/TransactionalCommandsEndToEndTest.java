package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.local.OrdersApi.Answer;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Commands that DynamoDB may cancel (a TransactWriteItems: an event plus its idempotency key),
 * through the local runtime as {@code make up} runs it. After each, new orders must still be
 * projected and published: a cancelled transaction writes nothing and emits no stream record, and
 * the event sources keep reading the table's stream.
 */
@WithEmulator
class TransactionalCommandsEndToEndTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final String ITEM = "{\"sku\":\"SKU-7\",\"quantity\":1,\"unitPrice\":250}";

    private final Emulator emulator;
    private final List<LocalRuntime> runtimes = new ArrayList<>();
    private OrdersApi api;

    TransactionalCommandsEndToEndTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void stop() {
        runtimes.forEach(LocalRuntime::close);
    }

    @Test
    void a_retried_command_gets_the_first_response_appends_once_and_new_orders_are_still_projected_and_published() {
        api = new OrdersApi(start(emulator.resources()).httpUri());
        String body = OrdersApi.PLACE.formatted("c-" + UUID.randomUUID());
        String key = "place-" + UUID.randomUUID();

        Answer placed = api.send("/orders", body, key);
        Answer retried = api.send("/orders", body, key);

        assertThat(placed.status()).isEqualTo(201);
        assertSameResponse(retried, placed);
        String orderId = OrdersApi.orderIdOf(placed);
        String itemKey = "item-" + UUID.randomUUID();
        Answer added = api.send("/orders/" + orderId + "/items", ITEM, itemKey);
        assertSameResponse(api.send("/orders/" + orderId + "/items", ITEM, itemKey), added);
        assertThat(eventTypes(orderId)).containsExactly("OrderPlaced", "ItemAdded");

        api.awaitProjected(orderId, 2, CONVERGENCE);
        assertNewOrdersAreProjectedAndPublished();
    }

    @Test
    void the_same_key_with_another_body_is422_changes_nothing_and_new_orders_are_still_projected_and_published() {
        api = new OrdersApi(start(emulator.resources()).httpUri());
        String key = "place-" + UUID.randomUUID();
        String otherCustomer = "c-other-" + UUID.randomUUID();
        Answer placed = api.send("/orders", OrdersApi.PLACE.formatted("c-" + UUID.randomUUID()), key);

        Answer reused = api.send("/orders", OrdersApi.PLACE.formatted(otherCustomer), key);

        assertThat(placed.status()).isEqualTo(201);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
        assertNewOrdersAreProjectedAndPublished();
        // the projector reads the stream in order: a record of the refused order would have come first
        Answer otherOrders = api.get("/customers/" + otherCustomer + "/orders");
        assertThat(otherOrders.status()).isEqualTo(200);
        assertThat(otherOrders.body().path("orders").isArray()).isTrue();
        assertThat(otherOrders.body().path("orders")).isEmpty();
    }

    @Test
    void a_lost_transaction_race_is_decided_again_and_new_orders_are_still_projected_and_published() {
        api = new OrdersApi(start(emulator.resources()).httpUri());
        // a second container of the same functions, with its own warm state, and no event sources
        OrdersApi otherContainer = new OrdersApi(start(TestTopologies.withFunctions(
                        emulator.resources(), emulator.topology().functions(), List.of()))
                .httpUri());
        String orderId = OrdersApi.orderIdOf(api.place("c-" + UUID.randomUUID()));

        Answer won = otherContainer.send("/orders/" + orderId + "/items", ITEM, "item-" + UUID.randomUUID());
        // this container still holds version 1: its TransactWriteItems for version 2 is cancelled
        Answer lostThenRetried = api.send("/orders/" + orderId + "/items", ITEM, "item-" + UUID.randomUUID());

        assertThat(won.version()).isEqualTo(2);
        assertThat(lostThenRetried.status()).isEqualTo(200);
        assertThat(lostThenRetried.version()).isEqualTo(3);
        assertThat(eventTypes(orderId)).containsExactly("OrderPlaced", "ItemAdded", "ItemAdded");
        api.awaitProjected(orderId, 3, CONVERGENCE);
        assertNewOrdersAreProjectedAndPublished();
    }

    /** A new order, placed to shipped: the read models show it and EventBridge delivers its shipment. */
    private void assertNewOrdersAreProjectedAndPublished() {
        String customerId = "c-" + UUID.randomUUID();
        String orderId = OrdersApi.orderIdOf(api.place(customerId));
        assertThat(api.command(orderId, "confirm", null).version()).isEqualTo(2);
        assertThat(api.command(orderId, "pay", "{\"amount\":3998}").version()).isEqualTo(3);
        assertThat(api.command(orderId, "ship", "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD0146\"}")
                        .version())
                .isEqualTo(4);

        assertThat(api.awaitProjected(orderId, 4, CONVERGENCE).path("status").asText())
                .isEqualTo("SHIPPED");
        await().atMost(CONVERGENCE)
                .untilAsserted(() -> assertThat(api.get("/customers/" + customerId + "/orders")
                                .body()
                                .toString())
                        .contains(orderId));
        await().atMost(CONVERGENCE)
                .until(() -> emulator.dynamoDb()
                                .scan(b -> b.tableName("eventline-dev-shipping-notifications")
                                        .filterExpression("orderId = :o")
                                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(orderId)))
                                        .consistentRead(true))
                                .items()
                                .size()
                        == 1);
    }

    private void assertSameResponse(Answer retried, Answer first) {
        assertThat(retried.status()).isEqualTo(first.status());
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retried.header("Location")).isEqualTo(first.header("Location"));
    }

    private List<String> eventTypes(String orderId) {
        List<String> types = new ArrayList<>();
        for (JsonNode event : api.get("/orders/" + orderId + "/events").body().path("events")) {
            types.add(event.path("type").asText());
        }
        return types;
    }

    private LocalRuntime start(LocalResources resources) {
        LocalRuntime runtime = LocalRuntime.start(
                resources, emulator.endpoint(), RuntimeSettings.FAST, Optional.of(0), Map.of(), Clock.systemUTC());
        runtimes.add(runtime);
        return runtime;
    }
}
