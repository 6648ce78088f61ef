package dev.eventline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Turns the response to an idempotent command into the compact string the event store remembers
 * (in the same write as the events), and back into a response when the client retries.
 *
 * <p>Only headers that describe the outcome are kept ({@link #KEPT_HEADERS}); per-request ones such
 * as {@code X-Correlation-Id} belong to the retry, not to the first attempt. Format:
 * {@code {"status":201,"headers":{"ETag":"\"1\""},"body":"{...}"}} with the body as a string, so
 * any content type round-trips byte for byte.
 */
public final class StoredResponse {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final List<String> KEPT_HEADERS =
            List.of("Content-Type", "ETag", "Location", ConsistencyToken.HEADER);

    private StoredResponse() {}

    public static String serialize(HttpResponse response) {
        ObjectNode json = Json.object();
        json.put("status", response.status());
        ObjectNode headers = json.putObject("headers");
        for (String name : KEPT_HEADERS) {
            response.header(name).ifPresent(value -> headers.put(name, value));
        }
        response.body().ifPresent(body -> json.put("body", body));
        return Json.write(json);
    }

    /**
     * The remembered response as it was.
     *
     * @throws IllegalStateException when {@code stored} was not written by {@link #serialize}
     */
    public static HttpResponse deserialize(String stored) {
        JsonNode json;
        try {
            json = Json.read(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored response is not JSON", e);
        }
        JsonNode status = json.get("status");
        if (status == null || !status.isInt()) {
            throw new IllegalStateException("stored response has no status");
        }
        HttpResponse.Builder builder = HttpResponse.status(status.intValue());
        Map<String, String> headers = Json.textFields(json.get("headers"));
        JsonNode body = json.get("body");
        if (body != null && body.isTextual()) {
            builder.body(headers.getOrDefault("Content-Type", HttpResponse.JSON), body.textValue());
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The remembered response marked {@code Idempotent-Replayed: true}, for the client's retry. */
    public static HttpResponse replay(String stored) {
        return deserialize(stored).withHeader(REPLAYED_HEADER, "true");
    }
}
