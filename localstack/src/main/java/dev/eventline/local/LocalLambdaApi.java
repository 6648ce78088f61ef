package dev.eventline.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.EventJson;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.streams.StreamRecordJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lambda's {@code Invoke} API for the functions of this runtime, so that code which invokes a
 * deployed function through the SDK (the explorer's redrive, through the operations library's
 * {@code LambdaRedriveTarget}) runs unchanged here: every function gets its address as
 * {@value #ENDPOINT_VARIABLE}. moto cannot run the handlers without Docker, and they live in this JVM
 * anyway. Only stream events are accepted (what a redrive sends); the answer is the handler's
 * {@code {"batchItemFailures":[…]}}, or Lambda's {@code X-Amz-Function-Error: Unhandled} with the error.
 */
final class LocalLambdaApi implements AutoCloseable {
    /** The SDK's service-specific endpoint variable for Lambda. */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_LAMBDA";

    private static final String PREFIX = "/2015-03-31/functions/";
    private static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicReference<LocalFunctions> functions = new AtomicReference<>();

    private LocalLambdaApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on a free port at once (the functions need the address when they are built); serves once {@link #serve}d. */
    static LocalLambdaApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            LocalLambdaApi api = new LocalLambdaApi(server, executor);
            server.createContext(PREFIX, api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for local Lambda invocations", e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void serve(LocalFunctions running) {
        functions.set(running);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/invocations")) {
                answer(exchange, 404, error("UnknownOperationException", "only Invoke is served here"), null);
                return;
            }
            String name = URLDecoder.decode(
                    path.substring(PREFIX.length(), path.length() - "/invocations".length()), StandardCharsets.UTF_8);
            // a function name or ARN, with or without a qualifier: the local function has one version
            String[] parts = name.split(":");
            String functionName = name.startsWith("arn:") ? parts[6] : parts[0];
            LocalFunctions running = functions.get();
            var function = running == null ? java.util.Optional.<LocalFunction>empty() : running.function(functionName);
            if (function.isEmpty()) {
                answer(exchange, 404, error("ResourceNotFoundException", "Function not found: " + functionName), null);
                return;
            }
            byte[] payload = exchange.getRequestBody().readNBytes(MAX_PAYLOAD_BYTES + 1);
            if (payload.length > MAX_PAYLOAD_BYTES) {
                answer(exchange, 413, error("RequestTooLargeException", "payload over 6 MB"), null);
                return;
            }
            StreamEvent event;
            try {
                event = StreamRecordJson.readEvent(new String(payload, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, error("InvalidRequestContentException", e.getMessage()), null);
                return;
            }
            try {
                Object response = function.get().invoke(event);
                answer(exchange, 200, toJson(response), null);
                LocalLog.info(
                        "invoked " + functionName + " with " + event.records().size() + " record(s)");
            } catch (RuntimeException | Error e) {
                LocalLog.warn(functionName + " threw on a direct invocation: " + e);
                answer(exchange, 200, error(e.getClass().getName(), String.valueOf(e.getMessage())), "Unhandled");
            }
        }
    }

    private static String toJson(Object response) {
        return EventJson.toJson(response instanceof BatchResponse batch ? batch : BatchResponse.allDone());
    }

    private static String error(String type, String message) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("errorType", type)
                .put("errorMessage", message)
                .toString();
    }

    private static void answer(HttpExchange exchange, int status, String body, String functionError)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (functionError != null) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
