package dev.eventline.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.lambda.events.WebSocketEvent;
import dev.eventline.lambda.events.WebSocketResponse;
import dev.eventline.local.emulator.JwtAuthorizer;
import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * API Gateway's WebSocket API, locally: a {@code ws://127.0.0.1:<port>/ws?token=<jwt>} server whose
 * handshake is the {@code $connect} authorizer (the token checked by the local issuer's keys, as the
 * HTTP routes are), whose open/message/close go to the push function as {@code $connect},
 * {@code $default} and {@code $disconnect} events with the token's subject as {@code principalId},
 * and an {@code @connections} endpoint ({@code POST}/{@code DELETE /@connections/{id}}, 410 for a
 * connection that is gone) that the projector's notifier calls through {@code PUSH_ENDPOINT}.
 *
 * <p>Two ports, because the JDK's HTTP server cannot upgrade to WebSocket and the WebSocket
 * library serves nothing else. A refused handshake is answered by the library with a plain HTTP
 * error (404), where API Gateway answers 401/403: either way no connection opens.
 */
public final class LocalPushGateway implements AutoCloseable {
    /** API Gateway's own limit for a message posted to a connection. */
    static final int MAX_POST_BYTES = 128 * 1024;

    private static final String PATH = "/ws";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * What API Gateway remembers of a connection: its id and what the {@code $connect} authorizer
     * returned, the principal and its context ({@code sub}, {@code scopes} space-separated).
     */
    private record Connection(String connectionId, String principal, String scopes) {}

    private final LocalFunction function;
    private final JwtAuthorizer authorizer;
    private final JwtRouteAuth auth;
    private final Clock clock;
    private final Map<String, WebSocket> open = new ConcurrentHashMap<>();
    private final Sockets sockets;
    private final HttpServer connections;
    private final ExecutorService executor;

    private LocalPushGateway(LocalFunction function, JwtAuthorizer authorizer, JwtRouteAuth auth, Clock clock) {
        this.function = function;
        this.authorizer = authorizer;
        this.auth = auth;
        this.clock = clock;
        this.sockets = new Sockets();
        try {
            this.connections = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for @connections on 127.0.0.1", e);
        }
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        connections.createContext("/", this::handleConnections);
        connections.setExecutor(executor);
    }

    /**
     * @param function   the push function ({@code $connect}/{@code $default}/{@code $disconnect})
     * @param authorizer the local issuer's keys; {@code auth} the issuer and audience the stack's
     *                   JWT authorizer accepts
     */
    public static LocalPushGateway start(
            LocalFunction function, JwtAuthorizer authorizer, JwtRouteAuth auth, Clock clock) {
        LocalPushGateway gateway = new LocalPushGateway(function, authorizer, auth, clock);
        gateway.connections.start();
        gateway.sockets.start();
        try {
            if (!gateway.sockets.started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                gateway.close();
                throw new IllegalStateException("the WebSocket server did not start within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.close();
            throw new IllegalStateException("interrupted while the WebSocket server started", e);
        }
        return gateway;
    }

    /** {@code ws://127.0.0.1:<port>/ws}; clients add {@code ?token=<jwt>}. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + sockets.getPort() + PATH);
    }

    /** {@code PUSH_ENDPOINT}: where {@code /@connections/{id}} is served. */
    public URI connectionsEndpoint() {
        return URI.create("http://127.0.0.1:" + connections.getAddress().getPort());
    }

    private final class Sockets extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Sockets() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            setReuseAddr(true);
        }

        /** The {@code $connect} authorizer: no valid token, no connection. */
        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
                WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
            ServerHandshakeBuilder builder = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            URI target = URI.create(request.getResourceDescriptor());
            if (!PATH.equals(target.getPath())) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no WebSocket route " + target.getPath());
            }
            Optional<String> token = query(target.getRawQuery(), "token");
            switch (authorizer.authorize(token.map(t -> "Bearer " + t), auth, clock.instant())) {
                case JwtAuthorizer.Unauthorized denied -> {
                    LocalLog.info("401 for ws " + PATH + ": " + denied.reason());
                    throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unauthorized");
                }
                case JwtAuthorizer.Forbidden forbidden ->
                    throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "forbidden");
                case JwtAuthorizer.Authorized authorized -> {
                    String subject = authorized.claims().get("sub");
                    if (subject == null || subject.isBlank()) {
                        throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "token without a subject");
                    }
                    String scope = authorized
                            .claims()
                            .getOrDefault("scope", authorized.claims().get("scp"));
                    conn.setAttachment(new Connection(
                            newConnectionId(), subject, scope == null ? "" : scope.replaceAll("[\\[\\]]", "")));
                }
            }
            return builder;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            Connection connection = conn.getAttachment();
            open.put(connection.connectionId(), conn);
            WebSocketResponse response = invoke(connection, "$connect", "CONNECT", null);
            if (response == null || response.statusCode() != 200) {
                // API Gateway refuses the connection when $connect does not answer 200
                open.remove(connection.connectionId());
                conn.close(CloseFrame.POLICY_VALIDATION, "$connect refused");
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            Connection connection = conn.getAttachment();
            WebSocketResponse response = invoke(connection, "$default", "MESSAGE", message);
            if (response == null) {
                conn.send("{\"message\": \"Internal server error\"}");
            } else if (response.body() != null) {
                // the route's response, as API Gateway's two-way $default route sends it back
                conn.send(response.body());
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            Connection connection = conn.getAttachment();
            if (connection != null && open.remove(connection.connectionId()) != null) {
                invoke(connection, "$disconnect", "DISCONNECT", null);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LocalLog.warn("ws " + PATH + ": " + ex);
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** The function's answer, or null when it threw (logged, as API Gateway logs a failed integration). */
    private WebSocketResponse invoke(Connection connection, String routeKey, String eventType, String body) {
        Map<String, Object> authorizerContext = new LinkedHashMap<>();
        authorizerContext.put("principalId", connection.principal());
        authorizerContext.put("sub", connection.principal());
        authorizerContext.put("scopes", connection.scopes());
        WebSocketEvent event = new WebSocketEvent(
                new WebSocketEvent.RequestContext(
                        routeKey,
                        eventType,
                        connection.connectionId(),
                        "local",
                        "127.0.0.1",
                        clock.millis(),
                        authorizerContext),
                body,
                false);
        long started = System.nanoTime();
        try {
            Object response = function.invoke(event);
            if (response instanceof WebSocketResponse ws) {
                LocalLog.info(String.format(
                        "ws %s %d %d ms %s",
                        routeKey,
                        ws.statusCode(),
                        (System.nanoTime() - started) / 1_000_000,
                        connection.connectionId()));
                return ws;
            }
            throw new IllegalStateException("handler returned " + response);
        } catch (RuntimeException | Error e) {
            LocalLog.warn(function.name() + " threw on ws " + routeKey + ": " + e);
            return null;
        }
    }

    private void handleConnections(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String prefix = "/@connections/";
            if (!path.startsWith(prefix) || path.length() == prefix.length()) {
                respond(exchange, 404, "NotFoundException", "no route " + path);
                return;
            }
            String connectionId = path.substring(prefix.length());
            byte[] data = exchange.getRequestBody().readNBytes(MAX_POST_BYTES + 1);
            WebSocket socket = open.get(connectionId);
            if (socket == null || !socket.isOpen()) {
                respond(exchange, 410, "GoneException", "connection " + connectionId + " is gone");
                return;
            }
            switch (method) {
                case "POST" -> {
                    if (data.length > MAX_POST_BYTES) {
                        respond(exchange, 413, "PayloadTooLargeException", "at most " + MAX_POST_BYTES + " bytes");
                        return;
                    }
                    socket.send(new String(data, StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(200, -1);
                }
                case "DELETE" -> {
                    socket.close(CloseFrame.NORMAL, "closed by the server");
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> {
                    exchange.getResponseHeaders().set("Allow", "POST, DELETE");
                    respond(exchange, 405, "MethodNotAllowedException", method + " is not served here");
                }
            }
        }
    }

    /** An error the SDK's REST-JSON protocol maps to its exception by {@code x-amzn-ErrorType}. */
    private static void respond(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] body = ("{\"message\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Optional<String> query(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** Like API Gateway's: opaque, URL-safe, unguessable. */
    private static String newConnectionId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        try {
            sockets.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.stop(1);
        executor.close();
    }
}
