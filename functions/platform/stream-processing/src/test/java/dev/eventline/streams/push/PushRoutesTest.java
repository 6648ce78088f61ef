package dev.eventline.streams.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The WebSocket routes against a real connections table (moto): own resources only, bounded. */
@WithEmulator
class PushRoutesTest {
    private final Subscriptions subscriptions;
    private final PushRoutes routes;
    private final String connection = "conn-" + UUID.randomUUID();

    PushRoutesTest(Emulator emulator) {
        String table = ConnectionsTables.create(emulator.dynamoDb());
        subscriptions = new Subscriptions(emulator.dynamoDb(), table, Clock.systemUTC());
        Map<String, String> owners = Map.of("Order-o-1", "c-1", "Order-o-2", "c-2", "Account-a-1", "c-1");
        routes = new PushRoutes(subscriptions, streamId -> Optional.ofNullable(owners.get(streamId)));
    }

    @Test
    void a_customer_subscribes_to_an_own_order_and_to_my_orders() {
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Order-o-1\"}"))
                .isEqualTo("{\"type\":\"subscribed\",\"streamId\":\"Order-o-1\"}");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"customerId\":\"me\"}"))
                .isEqualTo("{\"type\":\"subscribed\",\"customerId\":\"c-1\"}");

        assertThat(subscriptions.connectionsOf("Order-o-1")).containsExactly(connection);
        assertThat(subscriptions.connectionsOf("customer#c-1")).containsExactly(connection);
    }

    @Test
    void someone_else_s_order_or_customer_is_refused_and_nothing_is_stored() {
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Order-o-2\"}"))
                .contains("\"type\":\"error\"", "not your stream");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Order-unknown\"}"))
                .contains("not your stream");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"customerId\":\"c-2\"}"))
                .contains("not your customer id");

        assertThat(subscriptions.keysOf(connection)).isEmpty();
    }

    @Test
    void an_owner_subscribes_to_an_own_account_and_to_my_accounts_and_no_one_else_s() {
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Account-a-1\"}"))
                .isEqualTo("{\"type\":\"subscribed\",\"streamId\":\"Account-a-1\"}");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"ownerId\":\"me\"}"))
                .isEqualTo("{\"type\":\"subscribed\",\"ownerId\":\"c-1\"}");
        assertThat(routes.message(connection, "c-2", "{\"action\":\"subscribe\",\"streamId\":\"Account-a-1\"}"))
                .contains("not your stream");
        assertThat(routes.message(connection, "c-2", "{\"action\":\"subscribe\",\"ownerId\":\"c-1\"}"))
                .contains("not your owner id");

        assertThat(subscriptions.keysOf(connection)).containsExactlyInAnyOrder("Account-a-1", "owner#c-1");
    }

    @Test
    void staff_subscribe_to_any_stream_that_exists_and_to_any_owner_or_customer() {
        assertThat(routes.message(connection, "ops-1", true, "{\"action\":\"subscribe\",\"streamId\":\"Account-a-1\"}"))
                .contains("subscribed");
        assertThat(routes.message(connection, "ops-1", true, "{\"action\":\"subscribe\",\"ownerId\":\"c-2\"}"))
                .contains("subscribed");
        assertThat(routes.message(
                        connection, "ops-1", true, "{\"action\":\"subscribe\",\"streamId\":\"Account-unknown\"}"))
                .contains("not your stream");

        assertThat(subscriptions.keysOf(connection)).containsExactlyInAnyOrder("Account-a-1", "owner#c-2");
    }

    @Test
    void malformed_messages_get_an_error_reply() {
        assertThat(routes.message(connection, "c-1", "not json")).contains("\"type\":\"error\"");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"dance\"}")).contains("subscribe or unsubscribe");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\"}"))
                .contains("exactly one");
        assertThat(routes.message(
                        connection, "c-1", "{\"action\":\"subscribe\",\"customerId\":\"me\",\"ownerId\":\"me\"}"))
                .contains("exactly one");
        assertThat(routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Cart-1\"}"))
                .contains("Order-<id> or Account-<id>");
        assertThat(routes.message(connection, "c-1", "x".repeat(PushRoutes.MAX_MESSAGE_CHARS + 1)))
                .contains("at most");
        assertThat(routes.message(connection, null, "{\"action\":\"subscribe\",\"customerId\":\"me\"}"))
                .contains("no identity");
        assertThat(subscriptions.keysOf(connection)).isEmpty();
    }

    @Test
    void unsubscribe_and_disconnect_remove_the_connection_s_items() {
        routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Order-o-1\"}");
        routes.message(connection, "c-1", "{\"action\":\"subscribe\",\"customerId\":\"me\"}");

        assertThat(routes.message(connection, "c-1", "{\"action\":\"unsubscribe\",\"streamId\":\"Order-o-1\"}"))
                .isEqualTo("{\"type\":\"unsubscribed\",\"streamId\":\"Order-o-1\"}");
        assertThat(subscriptions.keysOf(connection)).containsExactly("customer#c-1");

        routes.disconnect(connection);
        assertThat(subscriptions.keysOf(connection)).isEmpty();
        assertThat(subscriptions.connectionsOf("customer#c-1")).doesNotContain(connection);
    }

    @Test
    void a_connection_holds_at_most_fifty_subscriptions() {
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i <= Subscriptions.MAX_PER_CONNECTION; i++) {
            many.put("Order-m-" + i, "c-9");
        }
        PushRoutes generous = new PushRoutes(subscriptions, id -> Optional.ofNullable(many.get(id)));
        for (int i = 0; i < Subscriptions.MAX_PER_CONNECTION; i++) {
            assertThat(generous.message(
                            connection, "c-9", "{\"action\":\"subscribe\",\"streamId\":\"Order-m-" + i + "\"}"))
                    .contains("subscribed");
        }

        assertThat(generous.message(connection, "c-9", "{\"action\":\"subscribe\",\"streamId\":\"Order-m-50\"}"))
                .contains("at most 50 subscriptions");
        assertThat(generous.message(connection, "c-9", "{\"action\":\"subscribe\",\"streamId\":\"Order-m-0\"}"))
                .contains("subscribed");
        assertThat(subscriptions.keysOf(connection)).hasSize(Subscriptions.MAX_PER_CONNECTION);
    }
}
