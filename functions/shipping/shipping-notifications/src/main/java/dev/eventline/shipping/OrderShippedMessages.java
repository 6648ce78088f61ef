package dev.eventline.shipping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads an SQS message body delivered by the EventBridge rule: the EventBridge envelope, whose
 * {@code detail} is the CloudEvents JSON the ordering publisher wrote.
 */
final class OrderShippedMessages {
    static final String SOURCE = "eventline.ordering";
    static final String TYPE = "OrderShipped";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventFormat format = Objects.requireNonNull(
            EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE),
            "no CloudEvents JSON format on the classpath (cloudevents-json-jackson)");

    /** @throws MalformedMessageException when the body is not an {@code OrderShipped} CloudEvent */
    ShippedOrder read(String body) {
        JsonNode envelope = parse(body, "message body");
        JsonNode detail = envelope.path("detail");
        if (!detail.isObject()) {
            throw new MalformedMessageException("message body is not an EventBridge event with a detail object");
        }
        CloudEvent event = cloudEvent(detail);
        if (!SOURCE.equals(event.getSource().toString()) || !TYPE.equals(event.getType())) {
            // the rule routes only OrderShipped here: anything else means the rule or the publisher changed
            throw new MalformedMessageException(
                    "expected " + SOURCE + " " + TYPE + ", got " + event.getSource() + " " + event.getType());
        }
        JsonNode data = parse(bytes(event.getData()), "CloudEvent data");
        Object correlationId = event.getExtension("correlationid");
        return new ShippedOrder(
                event.getId(),
                text(data, "orderId"),
                text(data, "carrier"),
                text(data, "trackingNumber"),
                correlationId == null ? null : correlationId.toString(),
                instant(data, "shippedAt"),
                extension(event, "causationid"),
                extension(event, "traceparent"));
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    private CloudEvent cloudEvent(JsonNode detail) {
        try {
            return format.deserialize(JSON.writeValueAsBytes(detail));
        } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException | IOException e) {
            throw new MalformedMessageException("detail is not a CloudEvents 1.0 JSON event: " + e.getMessage(), e);
        }
    }

    private static String bytes(CloudEventData data) {
        if (data == null) {
            throw new MalformedMessageException("the CloudEvent has no data");
        }
        return new String(data.toBytes(), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedMessageException(what + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new MalformedMessageException("OrderShipped data has no " + field);
        }
        return value.asText();
    }

    private static Instant instant(JsonNode data, String field) {
        try {
            return Instant.parse(text(data, field));
        } catch (DateTimeException e) {
            throw new MalformedMessageException("OrderShipped " + field + " is not an ISO-8601 instant", e);
        }
    }
}
