package dev.eventline.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * WebSocket API JSON to and from {@link WebSocketEvent} and {@link WebSocketResponse}, field by field:
 * what the push function's stream entry point reads and writes instead of the Lambda runtime's
 * serializer.
 */
public final class WebSocketEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebSocketEvents() {}

    /** @throws IllegalArgumentException when {@code json} is not a JSON object */
    public static WebSocketEvent fromJson(String json) {
        JsonNode root = read(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("a WebSocket API event is a JSON object");
        }
        JsonNode context = root.get("requestContext");
        return new WebSocketEvent(
                context != null && context.isObject() ? requestContext(context) : null,
                text(root, "body"),
                root.path("isBase64Encoded").asBoolean(false));
    }

    /** An event in the wire format, e.g. for a test to feed the stream entry point. */
    public static String toJson(WebSocketEvent event) {
        ObjectNode json = JSON.createObjectNode();
        WebSocketEvent.RequestContext context = event.requestContext();
        if (context != null) {
            ObjectNode rc = json.putObject("requestContext");
            putText(rc, "routeKey", context.routeKey());
            putText(rc, "eventType", context.eventType());
            putText(rc, "connectionId", context.connectionId());
            putText(rc, "stage", context.stage());
            putText(rc, "domainName", context.domainName());
            rc.put("requestTimeEpoch", context.requestTimeEpoch());
            if (context.authorizer() != null) {
                rc.set("authorizer", JSON.valueToTree(context.authorizer()));
            }
        }
        putText(json, "body", event.body());
        json.put("isBase64Encoded", event.isBase64Encoded());
        return json.toString();
    }

    public static String toJson(WebSocketResponse response) {
        ObjectNode json = JSON.createObjectNode();
        json.put("statusCode", response.statusCode());
        putText(json, "body", response.body());
        return json.toString();
    }

    /** The inverse of {@link #toJson(WebSocketResponse)}. */
    public static WebSocketResponse responseFromJson(String json) {
        JsonNode root = read(json);
        return new WebSocketResponse(root.path("statusCode").asInt(200), text(root, "body"));
    }

    private static WebSocketEvent.RequestContext requestContext(JsonNode node) {
        JsonNode authorizer = node.get("authorizer");
        Map<String, Object> context = null;
        if (authorizer != null && authorizer.isObject()) {
            // the authorizer's context is free-form; an untyped map needs no bean introspection
            @SuppressWarnings("unchecked")
            Map<String, Object> free = JSON.convertValue(authorizer, Map.class);
            context = free;
        }
        return new WebSocketEvent.RequestContext(
                text(node, "routeKey"),
                text(node, "eventType"),
                text(node, "connectionId"),
                text(node, "stage"),
                text(node, "domainName"),
                node.path("requestTimeEpoch").asLong(0),
                context);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("a WebSocket API event or answer is JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
