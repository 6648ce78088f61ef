package dev.eventline.http;

import dev.eventline.local.emulator.ApiGatewayRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads the sample events under {@code events-samples/api/http-api/}. */
final class Samples {
    private static final String DIR = "events-samples/api/http-api/";

    private Samples() {}

    /** {@code -Deventline.root} (set by surefire), else the first directory above user.dir holding events-samples. */
    static Path root() {
        String configured = System.getProperty("eventline.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "events-samples"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events-samples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no events-samples directory above " + System.getProperty("user.dir"));
    }

    static String json(String name) {
        try {
            return Files.readString(root().resolve(DIR + name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpApiEvent event(String name) {
        return ApiGatewayEvents.fromJson(json(name));
    }

    static HttpRequest request(String name) {
        return HttpRequest.from(event(name));
    }

    /** A POST/GET variant of {@code post-order-items.json}. */
    static HttpApiEvent post(String path, String contentType, String body) {
        HttpApiEvent event = event("post-order-items.json").withPath(path);
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.remove("content-type");
        headers.remove("if-match");
        headers.remove("idempotency-key");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        event = event.withHeaders(headers);
        return event.withBody(body);
    }

    static HttpApiEvent withMethod(HttpApiEvent event, String method) {
        return event.withMethod(method);
    }

    static HttpApiEvent withHeader(HttpApiEvent event, String name, String value) {
        return event.withHeader(name, value);
    }

    /** The event as API Gateway hands it over: with the route key and path parameters {@code gateway} selects. */
    static HttpApiEvent routed(ApiGatewayRoutes gateway, HttpApiEvent event) {
        ApiGatewayRoutes.Selected selected = gateway.routeOf(
                event.method(),
                event.rawPath(),
                event.requestContext() == null ? null : event.requestContext().stage());
        return event.withRoute(selected.routeKey(), selected.pathParameters());
    }

    static HttpRequest postRequest(String path, String contentType, String body) {
        return HttpRequest.from(post(path, contentType, body));
    }
}
