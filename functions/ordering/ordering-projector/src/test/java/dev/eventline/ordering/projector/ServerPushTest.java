package dev.eventline.ordering.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.streams.push.ConnectionsTables;
import dev.eventline.streams.push.Subscriptions;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The projector's notifier: after the read models committed, subscribed connections are posted to
 * through the {@code @connections} API (moto's), and a push that cannot be delivered never fails
 * the projection.
 */
@WithEmulator
class ServerPushTest {
    private static final Instant MORNING = Instant.parse("2026-11-27T09:00:00Z");

    private final Emulator emulator;
    private final String table = "push-connections-" + UUID.randomUUID();

    ServerPushTest(Emulator emulator) {
        this.emulator = emulator;
        ConnectionsTables.create(emulator.dynamoDb(), table);
    }

    @Test
    void subscribers_of_the_order_and_of_its_customer_are_each_posted_once_after_the_projection() {
        ProjectorHarness harness = harness(emulator.endpoint().uri().toString());
        Subscriptions subscriptions = new Subscriptions(emulator.dynamoDb(), table, harness.clock);
        String customer = "c-" + UUID.randomUUID();
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place(customer, "EUR", new OrderLine("WIDGET", 2, 1_500))
                .confirm();
        String streamId = "Order-" + story.orderId();
        subscriptions.subscribe("conn-order", streamId, customer);
        subscriptions.subscribe("conn-both", streamId, customer);
        subscriptions.subscribe("conn-both", Subscriptions.customerKey(customer), customer);
        subscriptions.subscribe("conn-other", "Order-someone-else", "c-2");
        harness.append(story);

        assertThat(harness.project(harness.newRecords()).batchItemFailures()).isEmpty();

        assertThat(harness.summary(story.orderId()).orElseThrow().version()).isEqualTo(2);
        assertThat(harness.metric("PushSent")).isEqualTo(2);
        assertThat(harness.metric("PushFailed")).isZero();
    }

    @Test
    void an_unreachable_connections_endpoint_is_counted_and_the_projection_still_commits() {
        ProjectorHarness harness = harness("http://127.0.0.1:9");
        Subscriptions subscriptions = new Subscriptions(emulator.dynamoDb(), table, harness.clock);
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place("c-3", "EUR", new OrderLine("WIDGET", 1, 900));
        subscriptions.subscribe("conn-1", "Order-" + story.orderId(), "c-3");
        harness.append(story);

        assertThat(harness.project(harness.newRecords()).batchItemFailures()).isEmpty();

        assertThat(harness.summary(story.orderId()).orElseThrow().version()).isEqualTo(1);
        assertThat(harness.metric("PushFailed")).isEqualTo(1);
        assertThat(harness.logLines).anySatisfy(line -> assertThat(line).contains("push failed", "conn-1"));
    }

    @Test
    void a_subscription_is_forgotten_with_its_connection() {
        Subscriptions subscriptions = new Subscriptions(emulator.dynamoDb(), table, Clock.systemUTC());
        subscriptions.subscribe("conn-x", "Order-a", "c-1");
        subscriptions.subscribe("conn-x", "customer#c-1", "c-1");

        subscriptions.forget("conn-x");

        assertThat(subscriptions.keysOf("conn-x")).isEmpty();
        assertThat(subscriptions.connectionsOf("Order-a")).doesNotContain("conn-x");
    }

    private ProjectorHarness harness(String endpoint) {
        ProjectorHarness harness = new ProjectorHarness(
                emulator, new OrderEventCodec(), Map.of("PUSH_CONNECTIONS_TABLE", table, "PUSH_ENDPOINT", endpoint));
        harness.tail.skipToEnd();
        return harness;
    }
}
