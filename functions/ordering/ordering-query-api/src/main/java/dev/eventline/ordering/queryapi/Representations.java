package dev.eventline.ordering.queryapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The JSON the query API returns (see {@code docs/openapi/ordering-queries.json}). An order reads
 * the same whether it came from the projection or from the events, byte for byte, because its
 * strong ETag is its version: where it came from is in the {@code X-Read-Source} header only.
 * Absent optional fields are left out. Amounts are integers in minor units.
 */
final class Representations {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Representations() {}

    /**
     * @param reveal opens a sealed contact: empty when the customer was erased
     */
    static ObjectNode order(OrderState s, long version, Function<String, Optional<String>> reveal) {
        ObjectNode json = NODES.objectNode();
        json.put("orderId", s.orderId());
        json.put("version", version);
        json.put("status", s.status().name());
        putIfPresent(json, "customerId", s.customerId());
        putIfPresent(json, "currency", s.currency());
        ArrayNode lines = json.putArray("lines");
        for (OrderLine line : s.lines()) {
            lines.addObject()
                    .put("sku", line.sku())
                    .put("quantity", line.quantity())
                    .put("unitPrice", line.unitPrice());
        }
        json.put("total", s.total());
        json.put("amountPaid", s.amountPaid());
        putIfPresent(json, "carrier", s.carrier());
        putIfPresent(json, "trackingNumber", s.trackingNumber());
        putIfPresent(json, "cancellationReason", s.cancellationReason());
        if (s.customer() != null) {
            json.set("customer", customer(reveal.apply(s.customer())));
        }
        putIfPresent(json, "placedAt", s.placedAt());
        putIfPresent(json, "updatedAt", s.updatedAt());
        return json;
    }

    /** The contact, or its fields shown as erased: the order itself (lines, totals, history) stays. */
    private static ObjectNode customer(Optional<String> contact) {
        if (contact.isEmpty()) {
            return NODES.objectNode()
                    .put("name", ERASED)
                    .put("email", ERASED)
                    .put("shippingAddress", ERASED)
                    .put("erased", true);
        }
        JsonNode opened = data(contact.get());
        return NODES.objectNode()
                .put("name", opened.path("name").asText())
                .put("email", opened.path("email").asText())
                .put("shippingAddress", opened.path("shippingAddress").asText())
                .put("erased", false);
    }

    static final String ERASED = "[erased]";

    /**
     * One audit-trail entry: the event as stored, its data as JSON rather than a string. Without
     * {@code withActorAndTrace} (anyone but staff) the metadata is only when it happened: who acted
     * (a subject, an IAM ARN) and the command, correlation and trace ids are for operators.
     */
    static ObjectNode event(RecordedEvent e, boolean withActorAndTrace) {
        ObjectNode json = NODES.objectNode();
        json.put("eventId", e.eventId());
        json.put("type", e.type());
        json.put("version", e.version());
        json.put("schemaVersion", e.schemaVersion());
        json.set("data", data(e.data()));
        EventMetadata m = e.metadata();
        ObjectNode metadata = json.putObject("metadata");
        if (withActorAndTrace) {
            metadata.put("commandId", m.commandId());
            metadata.put("correlationId", m.correlationId());
            metadata.put("causationId", m.causationId());
            putIfPresent(metadata, "traceId", m.traceId());
            metadata.put("actor", m.actor());
        }
        metadata.put("occurredAt", m.occurredAt().toString());
        json.put("recordedAt", e.recordedAt().toString());
        return json;
    }

    static ObjectNode customerOrder(CustomerOrderItem item) {
        ObjectNode json = NODES.objectNode();
        json.put("orderId", item.orderId());
        json.put("version", item.version());
        json.put("status", item.status());
        json.put("total", item.total());
        putIfPresent(json, "currency", item.currency());
        putIfPresent(json, "placedAt", item.placedAt());
        putIfPresent(json, "updatedAt", item.updatedAt());
        return json;
    }

    static String write(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stored data is JSON by contract; should an old item hold something else, it is shown as a string. */
    private static JsonNode data(String data) {
        try {
            return MAPPER.readTree(data);
        } catch (JsonProcessingException notJson) {
            return NODES.textNode(data);
        }
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static void putIfPresent(ObjectNode json, String name, Instant value) {
        if (value != null) {
            json.put(name, value.toString());
        }
    }
}
