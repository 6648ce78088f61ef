package dev.eventline.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.console.ConsoleAssets;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.local.emulator.JwtAuthorizer;
import dev.eventline.local.emulator.LocalIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP API on 127.0.0.1, in place of API Gateway: each request becomes the payload 2.0 event
 * Lambda would receive, goes to the same handler class, and the handler's response goes back to
 * the client. One log line per request: method, path, status, latency, correlation id.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** API Gateway's own payload limit is 10 MB; the handlers refuse more than 64 KB themselves. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpRoutes routes;
    private final JwtAuthorizer authorizer;
    private final Clock clock;
    private final Optional<URI> webSocket;

    private LocalHttpServer(
            HttpServer server,
            ExecutorService executor,
            HttpRoutes routes,
            JwtAuthorizer authorizer,
            Clock clock,
            Optional<URI> webSocket) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.authorizer = authorizer;
        this.clock = clock;
        this.webSocket = webSocket;
    }

    /**
     * @param port  0 for any free port
     * @param clock the runtime's, for the request time API Gateway puts in each event
     */
    public static LocalHttpServer start(int port, HttpRoutes routes, Clock clock) {
        return start(port, routes, new JwtAuthorizer(LocalIssuer.ofProject().publicKeys()), clock);
    }

    /**
     * @param authorizer checks the bearer token of every route that has a JWT authorizer in the
     *                   template, as API Gateway does, against the local issuer's keys
     */
    public static LocalHttpServer start(int port, HttpRoutes routes, JwtAuthorizer authorizer, Clock clock) {
        return start(port, routes, authorizer, clock, Optional.empty());
    }

    /**
     * @param webSocket the push gateway's {@code ws://} address, which the console's
     *                  {@code config.json} names (and its CSP allows), being on another port
     */
    public static LocalHttpServer start(
            int port, HttpRoutes routes, JwtAuthorizer authorizer, Clock clock, Optional<URI> webSocket) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            LocalHttpServer local = new LocalHttpServer(server, executor, routes, authorizer, clock, webSocket);
            server.createContext("/", local::handle);
            server.createContext("/console", local::handleConsole);
            server.setExecutor(executor);
            server.start();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (set PORT to use another port)", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String correlationId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Correlation-Id"))
                .orElse("-");
        int status;
        try (exchange) {
            Optional<byte[]> body = readBody(exchange.getRequestBody());
            HttpApiResponse response = body.isEmpty()
                    ? problem(
                            413, "Payload Too Large", "request bodies are limited to " + MAX_BODY_BYTES + " bytes here")
                    : dispatch(exchange, method, path, body.get());
            correlationId = header(response, "x-correlation-id").orElse(correlationId);
            status = write(exchange, response);
        }
        LocalLog.info(String.format(
                "%s %s %d %d ms %s", method, path, status, (System.nanoTime() - started) / 1_000_000, correlationId));
    }

    /**
     * The event explorer's static files, as CloudFront serves them from S3 when deployed; its
     * {@code config.json} names no API, so the page calls this server, its own origin.
     */
    private void handleConsole(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        int status;
        try (exchange) {
            exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
            status = writeConsole(exchange, method, path);
        }
        LocalLog.info(
                String.format("%s %s %d %d ms -", method, path, status, (System.nanoTime() - started) / 1_000_000));
    }

    private int writeConsole(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return write(exchange, problem(405, "Method Not Allowed", "the console is read with GET"));
        }
        if (path.equals("/console")) {
            exchange.getResponseHeaders().set("Location", ConsoleAssets.PREFIX);
            exchange.sendResponseHeaders(301, -1);
            return 301;
        }
        Optional<ConsoleAssets.Asset> asset = path.equals(ConsoleAssets.PREFIX + ConsoleAssets.CONFIG_FILE)
                ? Optional.of(new ConsoleAssets.Asset(
                        ConsoleAssets.CONFIG_FILE,
                        ConsoleAssets.contentType(ConsoleAssets.CONFIG_FILE),
                        webSocket
                                .map(ws -> ConsoleAssets.config("", ws.toString()))
                                .orElseGet(() -> ConsoleAssets.config(""))
                                .getBytes(StandardCharsets.UTF_8)))
                : ConsoleAssets.find(path);
        if (asset.isEmpty()) {
            return write(exchange, problem(404, "Not Found", "the console has no " + path));
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.get().contentType());
        headers.set(
                "Content-Security-Policy",
                String.format(
                        ConsoleAssets.CONTENT_SECURITY_POLICY,
                        webSocket.map(LocalHttpServer::origin).orElse("")));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-cache");
        byte[] body = asset.get().body();
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return 200;
    }

    private HttpApiResponse dispatch(HttpExchange exchange, String method, String path, byte[] body) {
        Optional<HttpRoutes.Match> route;
        try {
            route = routes.match(method, path);
        } catch (HttpRoutes.UnavailableFunctionException e) {
            return problem(503, "Service Unavailable", e.getMessage());
        }
        if (route.isEmpty()) {
            return problem(404, "Not Found", "no route for " + method + " " + path);
        }
        Instant now = clock.instant();
        HttpApiEvent event = HttpEvents.from(exchange, body, route.get(), now);
        if (route.get().jwt().isPresent()) {
            Optional<String> authorization =
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            switch (authorizer.authorize(authorization, route.get().jwt().get(), now)) {
                case JwtAuthorizer.Unauthorized denied -> {
                    LocalLog.info("401 for " + method + " " + path + ": " + denied.reason());
                    return withHeader(
                            problem(401, "Unauthorized", "this API needs a valid bearer token"),
                            "WWW-Authenticate",
                            "Bearer");
                }
                case JwtAuthorizer.Forbidden forbidden -> {
                    return withHeader(
                            problem(
                                    403,
                                    "Forbidden",
                                    "this route needs one of the scopes " + forbidden.requiredScopes()),
                            "WWW-Authenticate",
                            "Bearer error=\"insufficient_scope\"");
                }
                case JwtAuthorizer.Authorized authorized -> event = HttpEvents.authorize(event, authorized);
            }
        }
        try {
            Object response = route.get().function().invoke(event);
            if (response instanceof HttpApiResponse http) {
                return http;
            }
            throw new IllegalStateException("handler returned " + response);
        } catch (RuntimeException | Error e) {
            // what API Gateway answers when the integration fails: a bare 500, the cause only in the log
            LocalLog.warn(route.get().function().name() + " threw on " + method + " " + path + ": " + e);
            return HttpApiResponse.of(
                    500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
        }
    }

    private static int write(HttpExchange exchange, HttpApiResponse response) throws IOException {
        int status = response.statusCode() == 0 ? 200 : response.statusCode();
        if (response.headers() != null) {
            // the server computes the framing headers itself
            response.headers().entrySet().stream()
                    .filter(h -> !h.getKey().equalsIgnoreCase("content-length")
                            && !h.getKey().equalsIgnoreCase("transfer-encoding"))
                    .forEach(h -> exchange.getResponseHeaders().set(h.getKey(), h.getValue()));
        }
        if (response.cookies() != null) {
            response.cookies().forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        }
        String body = response.body();
        byte[] bytes = body == null
                ? new byte[0]
                : response.isBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        // a HEAD answer has the headers of the GET it stands for, never a body (RFC 9110 9.3.2)
        boolean noBody = bytes.length == 0
                || status == 204
                || status == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        return status;
    }

    /** A CSP source for {@code uri}: scheme, host and port. */
    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    /** The body, or empty when it is larger than {@link #MAX_BODY_BYTES}. */
    private static Optional<byte[]> readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    private static Optional<String> header(HttpApiResponse response, String name) {
        if (response.headers() == null) {
            return Optional.empty();
        }
        return response.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static HttpApiResponse withHeader(HttpApiResponse response, String name, String value) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(response.headers());
        headers.put(name, value);
        return new HttpApiResponse(
                response.statusCode(), headers, response.cookies(), response.body(), response.isBase64Encoded());
    }

    /** An RFC 9457 problem for what the server itself refuses (no route, body too large, no valid token). */
    private static HttpApiResponse problem(int status, String title, String detail) {
        return HttpApiResponse.of(
                status,
                Map.of(
                        "content-type",
                        "application/problem+json",
                        "x-correlation-id",
                        UUID.randomUUID().toString()),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "about:blank")
                        .put("title", title)
                        .put("status", status)
                        .put("detail", detail)
                        .toString());
    }

    @Override
    public void close() {
        server.stop(1);
        executor.close();
    }
}
