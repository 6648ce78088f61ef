package dev.eventline.ordering.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.WebSocketEvent;
import dev.eventline.lambda.events.WebSocketEvents;
import dev.eventline.lambda.events.WebSocketResponse;
import dev.eventline.local.emulator.Topology.TableSpec;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.streams.push.ConnectionsTables;
import dev.eventline.streams.push.Subscriptions;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The WebSocket Lambda's routes, as API Gateway invokes them, against moto's tables. */
@WithEmulator
class PushHandlerTest {
    private final Clock clock = Clock.systemUTC();
    private final Emulator emulator;
    private final String eventsTable;
    private final String accountsEventsTable;
    private final Subscriptions subscriptions;
    private final PushHandler handler;

    PushHandlerTest(Emulator emulator) {
        this.emulator = emulator;
        this.eventsTable = emulator.topology().tables().stream()
                .map(TableSpec::name)
                .filter(name -> name.endsWith("-ordering-events"))
                .findFirst()
                .orElseThrow();
        this.accountsEventsTable = emulator.topology().tables().stream()
                .map(TableSpec::name)
                .filter(name -> name.endsWith("-accounts-events"))
                .findFirst()
                .orElseThrow();
        String connections = ConnectionsTables.create(emulator.dynamoDb());
        Map<String, String> env = new HashMap<>(emulator.endpoint().lambdaEnvironment(Map.of()));
        env.put("EVENTS_TABLE", eventsTable);
        env.put("ACCOUNTS_EVENTS_TABLE", accountsEventsTable);
        env.put("PUSH_CONNECTIONS_TABLE", connections);
        LambdaEnvironment lambdaEnv = new LambdaEnvironment(env);
        this.handler = new PushHandler(lambdaEnv, new AwsClients(lambdaEnv), clock);
        this.subscriptions = new Subscriptions(emulator.dynamoDb(), connections, clock);
    }

    @Test
    void the_customer_of_an_order_placed_a_moment_ago_subscribes_to_it_before_any_projection() {
        String orderId = place("c-1");

        assertThat(handler.handleRequest(event("$connect", "conn-1", "c-1", null), null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(subscriptions.keysOf("conn-1")).isEmpty();
        var reply = handler.handleRequest(
                event("$default", "conn-1", "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Order-" + orderId + "\"}"),
                null);

        assertThat(reply.body()).isEqualTo("{\"type\":\"subscribed\",\"streamId\":\"Order-" + orderId + "\"}");
        assertThat(subscriptions.connectionsOf("Order-" + orderId)).containsExactly("conn-1");
    }

    @Test
    void the_runtime_calls_the_stream_entry_point_with_the_routes_json_as_api_gateway_sends_it() throws IOException {
        String orderId = place("c-1");
        assertThat(handler).isInstanceOf(RequestStreamHandler.class);
        String message = "{\"requestContext\":{\"routeKey\":\"$default\",\"eventType\":\"MESSAGE\","
                + "\"connectionId\":\"conn-7\",\"stage\":\"prod\",\"requestTimeEpoch\":1767225600000,"
                + "\"authorizer\":{\"principalId\":\"c-1\",\"sub\":\"c-1\",\"scopes\":\"\","
                + "\"integrationLatency\":12}},"
                + "\"body\":\"{\\\"action\\\":\\\"subscribe\\\",\\\"streamId\\\":\\\"Order-" + orderId + "\\\"}\","
                + "\"isBase64Encoded\":false}";

        WebSocketResponse reply = throughTheStreamEntryPoint(message);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"type\":\"subscribed\",\"streamId\":\"Order-" + orderId + "\"}");
        assertThat(subscriptions.connectionsOf("Order-" + orderId)).containsExactly("conn-7");
        assertThat(throughTheStreamEntryPoint(
                                "{\"requestContext\":{\"routeKey\":\"$disconnect\",\"connectionId\":\"conn-7\"}}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(subscriptions.keysOf("conn-7")).isEmpty();
    }

    @Test
    void joda_time_is_not_on_the_class_path_of_the_function() {
        assertThatThrownBy(() -> Class.forName("org.joda.time.DateTime")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void another_customer_s_order_is_refused_and_disconnect_forgets_the_connection() {
        String orderId = place("c-2");
        var refused = handler.handleRequest(
                event("$default", "conn-2", "c-1", "{\"action\":\"subscribe\",\"streamId\":\"Order-" + orderId + "\"}"),
                null);
        assertThat(refused.body()).contains("\"type\":\"error\"", "not your stream");
        handler.handleRequest(
                event("$default", "conn-2", "c-1", "{\"action\":\"subscribe\",\"customerId\":\"me\"}"), null);

        handler.handleRequest(event("$disconnect", "conn-2", "c-1", null), null);

        assertThat(subscriptions.keysOf("conn-2")).isEmpty();
        assertThat(subscriptions.connectionsOf("customer#c-1")).doesNotContain("conn-2");
    }

    @Test
    void an_account_is_subscribed_to_by_its_owner_or_staff_and_refused_to_anyone_else() {
        String accountId = open("c-1");
        String subscribe = "{\"action\":\"subscribe\",\"streamId\":\"Account-" + accountId + "\"}";

        assertThat(handler.handleRequest(event("$default", "conn-3", "c-1", subscribe), null)
                        .body())
                .isEqualTo("{\"type\":\"subscribed\",\"streamId\":\"Account-" + accountId + "\"}");
        assertThat(handler.handleRequest(event("$default", "conn-4", "c-2", subscribe), null)
                        .body())
                .contains("\"type\":\"error\"", "not your stream");
        assertThat(handler.handleRequest(
                                event("$default", "conn-5", "ops-1", "eventline/staff orders/read", subscribe), null)
                        .body())
                .contains("\"type\":\"subscribed\"");
        assertThat(handler.handleRequest(event("$default", "conn-6", "ops-1", "orders/read", subscribe), null)
                        .body())
                .as("a scope is not staff unless it is eventline/staff")
                .contains("not your stream");

        assertThat(subscriptions.connectionsOf("Account-" + accountId)).containsExactlyInAnyOrder("conn-3", "conn-5");
    }

    private String open(String ownerId) {
        String accountId = "a-" + UUID.randomUUID();
        EventCodec.EncodedEvent encoded =
                new AccountEventCodec().encode(new AccountOpened(accountId, ownerId, "EUR", 0, clock.instant()));
        String commandId = UUID.randomUUID().toString();
        new DynamoDbEventStore(emulator.dynamoDb(), accountsEventsTable, "unused", clock)
                .append(
                        AccountStreams.streamId(accountId),
                        0,
                        List.of(new NewEvent(
                                UUID.randomUUID().toString(),
                                encoded.type(),
                                encoded.schemaVersion(),
                                encoded.data(),
                                new EventMetadata(commandId, "corr", commandId, null, ownerId, clock.instant()))));
        return accountId;
    }

    private String place(String customerId) {
        String orderId = "o-" + UUID.randomUUID();
        EventCodec.EncodedEvent encoded = new OrderEventCodec()
                .encode(new OrderPlaced(
                        orderId, customerId, "EUR", List.of(new OrderLine("WIDGET", 1, 900)), clock.instant()));
        String commandId = UUID.randomUUID().toString();
        new DynamoDbEventStore(emulator.dynamoDb(), eventsTable, "unused", clock)
                .append(
                        OrderCommands.streamId(orderId),
                        0,
                        List.of(new NewEvent(
                                UUID.randomUUID().toString(),
                                encoded.type(),
                                encoded.schemaVersion(),
                                encoded.data(),
                                new EventMetadata(commandId, "corr", commandId, null, customerId, clock.instant()))));
        return orderId;
    }

    private static WebSocketEvent event(String route, String connectionId, String principal, String body) {
        return event(route, connectionId, principal, "", body);
    }

    /** As API Gateway passes the {@code $connect} authorizer's principal and context on every route. */
    private static WebSocketEvent event(
            String route, String connectionId, String principal, String scopes, String body) {
        return new WebSocketEvent(
                new WebSocketEvent.RequestContext(
                        route,
                        null,
                        connectionId,
                        null,
                        null,
                        0,
                        Map.of("principalId", principal, "sub", principal, "scopes", scopes)),
                body,
                false);
    }

    /** As the Lambda runtime calls the function: the route's JSON in, the answer's JSON out. */
    private WebSocketResponse throughTheStreamEntryPoint(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return WebSocketEvents.responseFromJson(out.toString(StandardCharsets.UTF_8));
    }
}
