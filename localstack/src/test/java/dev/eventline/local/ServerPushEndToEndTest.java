package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Done-when of issue 12 part 1 on the local stack: a WebSocket subscriber with a token of the
 * local issuer receives the push for a command within 2 seconds of the command's answer, for an
 * order (ordering projector) and for an account (accounts projector).
 */
class ServerPushEndToEndTest {
    private static final Duration PUSH_BOUND = Duration.ofSeconds(2);
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack.Running stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(java.util.Map.of("PORT", "0"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void a_subscriber_with_a_token_receives_the_push_for_a_command_within_two_seconds() {
        Clock clock = Clock.systemUTC();
        String customer = "c-" + UUID.randomUUID();
        String bearer = Callers.bearer(clock, customer);
        OrdersApi api = new OrdersApi(stack.runtime().httpUri(), bearer);
        String orderId = OrdersApi.orderIdOf(api.place(customer));
        api.awaitProjected(orderId, 1, CONVERGENCE);
        Subscriber subscriber = Subscriber.connect(webSocketUri(bearer));

        subscriber.send("{\"action\":\"subscribe\",\"streamId\":\"Order-" + orderId + "\"}");
        await().atMost(PUSH_BOUND).until(() -> subscriber.has("subscribed", 0));
        assertThat(api.command(orderId, "confirm", null).version()).isEqualTo(2);

        await().atMost(PUSH_BOUND).until(() -> subscriber.has("OrderConfirmed", 2));
        JsonNode push = subscriber.find("OrderConfirmed", 2);
        assertThat(push.path("streamId").asText()).isEqualTo("Order-" + orderId);
        assertThat(push.path("readModel").asText()).isEqualTo("order-summary");
        subscriber.close();
    }

    @Test
    void another_customer_cannot_subscribe_to_the_order() {
        Clock clock = Clock.systemUTC();
        String owner = "c-" + UUID.randomUUID();
        OrdersApi api = new OrdersApi(stack.runtime().httpUri(), Callers.bearer(clock, owner));
        String orderId = OrdersApi.orderIdOf(api.place(owner));
        api.awaitProjected(orderId, 1, CONVERGENCE);
        Subscriber stranger = Subscriber.connect(webSocketUri(Callers.bearer(clock, "c-" + UUID.randomUUID())));

        stranger.send("{\"action\":\"subscribe\",\"streamId\":\"Order-" + orderId + "\"}");

        await().atMost(PUSH_BOUND).until(() -> stranger.has("error", 0));
        assertThat(stranger.messages()).noneMatch(m -> m.path("type").asText().equals("subscribed"));
        stranger.close();
    }

    @Test
    void an_account_owner_receives_the_push_for_a_deposit_within_two_seconds_on_the_account_and_my_accounts() {
        Clock clock = Clock.systemUTC();
        String owner = "c-" + UUID.randomUUID();
        String bearer = Callers.bearer(clock, owner);
        String accountId = send("POST", "/accounts", "{\"currency\":\"EUR\"}", bearer)
                .path("accountId")
                .asText();
        Subscriber subscriber = Subscriber.connect(webSocketUri(bearer));
        subscriber.send("{\"action\":\"subscribe\",\"streamId\":\"Account-" + accountId + "\"}");
        subscriber.send("{\"action\":\"subscribe\",\"ownerId\":\"me\"}");
        await().atMost(PUSH_BOUND)
                .until(() -> subscriber.messages().stream()
                                .filter(m -> m.path("type").asText().equals("subscribed"))
                                .count()
                        == 2);

        send("POST", "/accounts/" + accountId + "/deposits", "{\"amount\":2500}", bearer);

        await().atMost(PUSH_BOUND).until(() -> subscriber.has("MoneyDeposited", 2));
        JsonNode push = subscriber.find("MoneyDeposited", 2);
        assertThat(push.path("streamId").asText()).isEqualTo("Account-" + accountId);
        assertThat(push.path("readModel").asText()).isEqualTo("accounts-by-owner");
        assertThat(subscriber.messages().stream()
                        .filter(m -> m.path("type").asText().equals("MoneyDeposited"))
                        .count())
                .as("one message per connection, though it holds both keys")
                .isEqualTo(1);
        subscriber.close();
    }

    @Test
    void someone_else_cannot_subscribe_to_an_account_but_staff_can() {
        Clock clock = Clock.systemUTC();
        String owner = "c-" + UUID.randomUUID();
        String accountId = send("POST", "/accounts", "{\"currency\":\"EUR\"}", Callers.bearer(clock, owner))
                .path("accountId")
                .asText();
        Subscriber stranger = Subscriber.connect(webSocketUri(Callers.bearer(clock, "c-" + UUID.randomUUID())));
        Subscriber staff = Subscriber.connect(webSocketUri(Callers.staff(clock)));
        String subscribe = "{\"action\":\"subscribe\",\"streamId\":\"Account-" + accountId + "\"}";

        stranger.send(subscribe);
        staff.send(subscribe);

        await().atMost(PUSH_BOUND).until(() -> stranger.has("error", 0) && staff.has("subscribed", 0));
        assertThat(stranger.messages()).noneMatch(m -> m.path("type").asText().equals("subscribed"));
        stranger.close();
        staff.close();
    }

    /** A request to the local HTTP API; fails the test unless it answers 2xx. */
    private static JsonNode send(String method, String path, String body, String bearer) {
        try {
            HttpResponse<String> response = HTTP.send(
                    java.net.http.HttpRequest.newBuilder(
                                    stack.runtime().httpUri().resolve(path))
                            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body))
                            .header("content-type", "application/json")
                            .header("Authorization", bearer)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + response.body())
                    .isBetween(200, 299);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_connection_without_a_valid_token_is_refused() {
        URI withoutToken = stack.push().orElseThrow().webSocketUri();
        URI badToken = URI.create(withoutToken + "?token=not-a-jwt");

        for (URI refused : List.of(withoutToken, badToken)) {
            Throwable failure = HTTP.newWebSocketBuilder()
                    .buildAsync(refused, new WebSocket.Listener() {})
                    .handle((ws, error) -> error)
                    .join();
            assertThat(failure).isNotNull();
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
            HttpResponse<?> response = ((WebSocketHandshakeException) cause).getResponse();
            assertThat(response.statusCode()).isNotEqualTo(101);
        }
    }

    @Test
    void the_connections_endpoint_answers_410_for_a_connection_that_is_gone() throws Exception {
        URI post = stack.push().orElseThrow().connectionsEndpoint().resolve("/@connections/gone-connection");
        HttpResponse<String> response = HTTP.send(
                java.net.http.HttpRequest.newBuilder(post)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("GoneException");
    }

    @Test
    void the_console_served_by_the_stack_is_told_the_websocket_address_and_may_connect_to_it() throws Exception {
        URI webSocket = stack.push().orElseThrow().webSocketUri();
        HttpResponse<String> config = HTTP.send(
                java.net.http.HttpRequest.newBuilder(stack.runtime().httpUri().resolve("/console/config.json"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(config.body()).path("wsUrl").asText()).isEqualTo(webSocket.toString());
        assertThat(config.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("connect-src 'self' ws://127.0.0.1:" + webSocket.getPort() + ";");
    }

    private static URI webSocketUri(String bearer) {
        return URI.create(stack.push().orElseThrow().webSocketUri() + "?token=" + bearer.substring("Bearer ".length()));
    }

    /** A browser-like client: every text frame it receives, as JSON. */
    private static final class Subscriber implements WebSocket.Listener {
        private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Subscriber connect(URI uri) {
            Subscriber subscriber = new Subscriber();
            subscriber.socket =
                    HTTP.newWebSocketBuilder().buildAsync(uri, subscriber).join();
            return subscriber;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        List<JsonNode> messages() {
            return List.copyOf(messages);
        }

        /** A reply of {@code type}, or a notification of event {@code type} at {@code version} (0: any). */
        boolean has(String type, long version) {
            return find(type, version) != null;
        }

        JsonNode find(String type, long version) {
            return messages.stream()
                    .filter(m -> m.path("type").asText().equals(type))
                    .filter(m -> version == 0 || m.path("version").asLong() == version)
                    .findFirst()
                    .orElse(null);
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
