package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.local.OrdersApi.Answer;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.operations.DeadLetterViews.MessageResult;
import dev.eventline.operations.DeadLetterViews.RedriveResult;
import dev.eventline.operations.DeadLetterViews.Result;
import dev.eventline.operations.DeadLetters;
import dev.eventline.operations.RedriveTarget;
import dev.eventline.operations.Resources;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole ordering slice through the local runtime, the way {@code make up} runs it: real HTTP to
 * the command and query handlers, the events table's stream driving the projector and the
 * publisher, EventBridge's rule delivering to the shipping queue and its subscriber.
 */
@WithEmulator
class OrderingEndToEndTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final String SHIP = "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD014600006281230704\"}";
    private static final String PROJECTOR_DLQ = "eventline-dev-ordering-projector-dlq";
    /** The operations' view of the projector, named as the templates name it. */
    private static final Resources PROJECTOR_RESOURCES = new Resources(
            List.of(new Resources.EventContext("ordering", "Order", "eventline-dev-ordering-events")),
            List.of(new Resources.Consumer(
                    "eventline-dev-ordering-projector",
                    "ordering",
                    Optional.of(
                            new Resources.Checkpoint("eventline-dev-order-summary", "orderId", "Order-", "version")),
                    PROJECTOR_DLQ)),
            List.of(),
            "eventline-dev",
            "eventline-dev-archive");

    private final Emulator emulator;
    private LocalRuntime runtime;
    private OrdersApi api;

    OrderingEndToEndTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        SwitchableProjector.POISONED_STREAMS.clear();
    }

    @Test
    void place_to_ship_projects_what_folding_the_events_gives_and_notifies_shipping_exactly_once() {
        start(emulator.resources());
        String customerId = "c-" + UUID.randomUUID();

        Answer placed = api.place(customerId);
        assertThat(placed.status()).isEqualTo(201);
        String orderId = OrdersApi.orderIdOf(placed);
        assertThat(api.command(orderId, "items", "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":500}")
                        .version())
                .isEqualTo(2);
        assertThat(api.command(orderId, "confirm", null).version()).isEqualTo(3);
        assertThat(api.command(orderId, "pay", "{\"amount\":4498}").version()).isEqualTo(4);
        assertThat(api.command(orderId, "ship", SHIP).version()).isEqualTo(5);

        JsonNode projected = awaitProjected(orderId, 5);
        assertThat(projected.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(projected.path("amountPaid").asLong()).isEqualTo(4498);
        await().atMost(CONVERGENCE)
                .untilAsserted(() -> assertThat(api.get("/customers/" + customerId + "/orders")
                                .body()
                                .toString())
                        .contains(orderId));

        String shippedEventId = eventIdOf(orderId, "OrderShipped");
        await().atMost(CONVERGENCE).until(() -> notificationsOf(orderId).size() == 1);
        // and it stays one: the publisher's and the queue's redeliveries are absorbed by the idempotent subscriber
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> notificationsOf(orderId).size() == 1);
        Map<String, AttributeValue> notification = notificationsOf(orderId).getFirst();
        assertThat(notification.get("eventId").s()).isEqualTo(shippedEventId);
        assertThat(notification.get("trackingNumber").s()).isEqualTo("JD014600006281230704");
    }

    @Test
    void a_projector_failure_parks_the_batch_in_the_dlq_other_orders_progress_and_redrive_converges() {
        start(TestTopologies.withSwitchableProjector(emulator.resources()));
        String poisoned = OrdersApi.orderIdOf(placeWithoutProjecting());
        Answer healthy = api.place("c-healthy");

        awaitProjected(OrdersApi.orderIdOf(healthy), 1);
        await().atMost(CONVERGENCE)
                .until(() -> deadLetters().stream().anyMatch(m -> m.contains("RetryAttemptsExhausted")));
        assertThat(summary(poisoned)).isEmpty();

        SwitchableProjector.POISONED_STREAMS.clear(); // the fix is deployed
        LocalFunction projector = runtime.functions().all().values().stream()
                .filter(f -> f.spec().handlerClass().equals(SwitchableProjector.class.getName()))
                .findFirst()
                .orElseThrow();
        RedriveResult result = new DeadLetters(emulator.sqs(), emulator.dynamoDb(), PROJECTOR_RESOURCES)
                .redrive(
                        PROJECTOR_DLQ,
                        Optional.of(RedriveTarget.inProcess(
                                projector.name(), projector.redrive().orElseThrow())),
                        m -> {});

        assertThat(result.messages()).extracting(MessageResult::result).containsOnly(Result.REDRIVEN);
        assertThat(result.messages()).isNotEmpty();
        assertThat(deadLetters()).as("deleted after success").isEmpty();
        awaitProjected(poisoned, 1);
    }

    @Test
    void read_your_writes_under_concurrency_never_shows_an_older_version() throws Exception {
        start(emulator.resources());
        List<Future<List<String>>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                clients.add(pool.submit(this::placeAddAndReadBack));
            }
            List<String> stale = new ArrayList<>();
            for (Future<List<String>> client : clients) {
                stale.addAll(client.get(60, TimeUnit.SECONDS));
            }
            assertThat(stale).isEmpty();
        }
    }

    /** Each write is read back with its consistency token; returns what came back older than written. */
    private List<String> placeAddAndReadBack() {
        List<String> stale = new ArrayList<>();
        Answer placed = api.place("c-" + UUID.randomUUID());
        String orderId = OrdersApi.orderIdOf(placed);
        checkReadBack(orderId, placed, stale);
        checkReadBack(
                orderId, api.command(orderId, "items", "{\"sku\":\"SKU-9\",\"quantity\":1,\"unitPrice\":100}"), stale);
        checkReadBack(orderId, api.command(orderId, "confirm", null), stale);
        return stale;
    }

    private void checkReadBack(String orderId, Answer written, List<String> stale) {
        Answer read = api.get(orderId, Optional.of(written.header("X-Consistency-Token")), "");
        if (read.status() != 200 || read.version() < written.version()) {
            stale.add(orderId + ": wrote v" + written.version() + ", read " + read.status() + " v" + read.version()
                    + " from " + read.header("X-Read-Source"));
        }
    }

    private void start(LocalResources resources) {
        runtime = LocalRuntime.start(
                resources, emulator.endpoint(), RuntimeSettings.FAST, Optional.of(0), Map.of(), Clock.systemUTC());
        api = new OrdersApi(runtime.httpUri());
    }

    /** Places an order whose stream the projector fails on. The id is not known before, so poison by customer. */
    private Answer placeWithoutProjecting() {
        String orderId = UUID.randomUUID().toString();
        SwitchableProjector.POISONED_STREAMS.add("Order-" + orderId);
        return api.send(
                "/orders",
                OrdersApi.PLACE
                        .formatted("c-poisoned")
                        .replace("{\"customerId\"", "{\"orderId\":\"" + orderId + "\",\"customerId\""));
    }

    private JsonNode awaitProjected(String orderId, long version) {
        return api.awaitProjected(orderId, version, CONVERGENCE);
    }

    private String eventIdOf(String orderId, String type) {
        for (JsonNode event : api.get("/orders/" + orderId + "/events").body().path("events")) {
            if (event.path("type").asText().equals(type)) {
                return event.path("eventId").asText();
            }
        }
        throw new AssertionError(orderId + " has no " + type);
    }

    private List<Map<String, AttributeValue>> notificationsOf(String orderId) {
        return emulator.dynamoDb()
                .scan(b -> b.tableName("eventline-dev-shipping-notifications")
                        .filterExpression("orderId = :o")
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(orderId)))
                        .consistentRead(true))
                .items();
    }

    private Optional<Map<String, AttributeValue>> summary(String orderId) {
        Map<String, AttributeValue> item = emulator.dynamoDb()
                .getItem(b -> b.tableName("eventline-dev-order-summary")
                        .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                        .consistentRead(true))
                .item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<String> deadLetters() {
        return emulator
                .sqs()
                .receiveMessage(b -> b.queueUrl(emulator.resources().queueUrl(PROJECTOR_DLQ))
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0))
                .messages()
                .stream()
                .map(m -> m.body())
                .toList();
    }
}
