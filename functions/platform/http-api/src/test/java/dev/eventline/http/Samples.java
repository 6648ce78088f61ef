package dev.eventline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiGatewayEvents.fromJson(json(name));
    }

    static HttpRequest request(String name) {
        return HttpRequest.from(event(name));
    }

    /** A POST/GET variant of {@code post-order-items.json}. */
    static APIGatewayV2HTTPEvent post(String path, String contentType, String body) {
        APIGatewayV2HTTPEvent event = event("post-order-items.json");
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("content-type");
        headers.remove("if-match");
        headers.remove("idempotency-key");
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        event.setBody(body);
        return event;
    }

    static APIGatewayV2HTTPEvent withMethod(APIGatewayV2HTTPEvent event, String method) {
        event.getRequestContext().getHttp().setMethod(method);
        return event;
    }

    static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put(name, value);
        event.setHeaders(headers);
        return event;
    }

    static HttpRequest postRequest(String path, String contentType, String body) {
        return HttpRequest.from(post(path, contentType, body));
    }
}
