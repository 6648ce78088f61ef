package dev.eventline.ordering.application;

import static dev.eventline.schemas.EventJson.array;
import static dev.eventline.schemas.EventJson.instant;
import static dev.eventline.schemas.EventJson.intValue;
import static dev.eventline.schemas.EventJson.longValue;
import static dev.eventline.schemas.EventJson.optionalText;
import static dev.eventline.schemas.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.ItemRemoved;
import dev.eventline.ordering.OrderCancelled;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderDelivered;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.OrderShipped;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.JsonEventCodec;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import java.util.ArrayList;
import java.util.List;

/**
 * Order events to and from their stored JSON ({@code schemas/ordering/<Type>/v<N>.schema.json}). Records are
 * mapped field by field, by hand: no reflection at cold start, and renaming a record component cannot silently
 * rename a stored field. Encoding validates against the current schema, so a payload the schema refuses never
 * reaches the store; decoding upcasts whatever version was stored, so the domain only sees current records.
 */
public final class OrderEventCodec extends JsonEventCodec<OrderEvent> {

    /** Cheap: the schemas and their validators are loaded once per process and shared. */
    public OrderEventCodec() {
        this(EventSchemas.forContext(OrderingUpcasters.CONTEXT, OrderingUpcasters.upcasters()));
    }

    public OrderEventCodec(EventSchemas schemas) {
        super(schemas, OrderEventCodec::typeOf, OrderEventCodec::toJson, OrderEventCodec::fromJson);
    }

    /** The stored type name: the record's simple name, spelled out so that a class rename cannot change it. */
    public static String typeOf(OrderEvent event) {
        return switch (event) {
            case OrderPlaced e -> "OrderPlaced";
            case ItemAdded e -> "ItemAdded";
            case ItemRemoved e -> "ItemRemoved";
            case OrderConfirmed e -> "OrderConfirmed";
            case PaymentCaptured e -> "PaymentCaptured";
            case OrderShipped e -> "OrderShipped";
            case OrderDelivered e -> "OrderDelivered";
            case OrderCancelled e -> "OrderCancelled";
        };
    }

    /** The payload at the current schema version, unvalidated; read models may use it as is. */
    public static ObjectNode toJson(OrderEvent event) {
        ObjectNode json = EventJson.object().put("orderId", event.orderId());
        switch (event) {
            case OrderPlaced e -> {
                json.put("customerId", e.customerId()).put("currency", e.currency());
                ArrayNode lines = json.putArray("lines");
                for (OrderLine line : e.lines()) {
                    lines.addObject()
                            .put("sku", line.sku())
                            .put("quantity", line.quantity())
                            .put("unitPrice", line.unitPrice());
                }
                json.put("placedAt", e.placedAt().toString());
                if (e.customer() != null) {
                    json.put("customer", e.customer());
                }
            }
            case ItemAdded e ->
                json.put("sku", e.sku())
                        .put("quantity", e.quantity())
                        .put("unitPrice", e.unitPrice())
                        .put("addedAt", e.addedAt().toString());
            case ItemRemoved e ->
                json.put("sku", e.sku()).put("removedAt", e.removedAt().toString());
            case OrderConfirmed e ->
                json.put("total", e.total()).put("confirmedAt", e.confirmedAt().toString());
            case PaymentCaptured e ->
                json.put("amount", e.amount())
                        .put("currency", e.currency())
                        .put("capturedAt", e.capturedAt().toString());
            case OrderShipped e ->
                json.put("carrier", e.carrier())
                        .put("trackingNumber", e.trackingNumber())
                        .put("shippedAt", e.shippedAt().toString());
            case OrderDelivered e -> json.put("deliveredAt", e.deliveredAt().toString());
            case OrderCancelled e ->
                json.put("reason", e.reason())
                        .put("cancelledAt", e.cancelledAt().toString());
        }
        return json;
    }

    /**
     * A payload at the current schema version of {@code type} as its record.
     *
     * @throws IllegalArgumentException for an unknown type or a missing or mistyped field
     */
    public static OrderEvent fromJson(String type, JsonNode json) {
        String orderId = text(json, "orderId");
        return switch (type) {
            case "OrderPlaced" ->
                new OrderPlaced(
                        orderId,
                        text(json, "customerId"),
                        text(json, "currency"),
                        lines(array(json, "lines")),
                        instant(json, "placedAt"),
                        optionalText(json, "customer"));
            case "ItemAdded" ->
                new ItemAdded(
                        orderId,
                        text(json, "sku"),
                        intValue(json, "quantity"),
                        longValue(json, "unitPrice"),
                        instant(json, "addedAt"));
            case "ItemRemoved" -> new ItemRemoved(orderId, text(json, "sku"), instant(json, "removedAt"));
            case "OrderConfirmed" ->
                new OrderConfirmed(orderId, longValue(json, "total"), instant(json, "confirmedAt"));
            case "PaymentCaptured" ->
                new PaymentCaptured(
                        orderId, longValue(json, "amount"), text(json, "currency"), instant(json, "capturedAt"));
            case "OrderShipped" ->
                new OrderShipped(
                        orderId, text(json, "carrier"), text(json, "trackingNumber"), instant(json, "shippedAt"));
            case "OrderDelivered" -> new OrderDelivered(orderId, instant(json, "deliveredAt"));
            case "OrderCancelled" -> new OrderCancelled(orderId, text(json, "reason"), instant(json, "cancelledAt"));
            default -> throw new IllegalArgumentException("unknown ordering event type '" + type + "'");
        };
    }

    private static List<OrderLine> lines(ArrayNode json) {
        List<OrderLine> lines = new ArrayList<>(json.size());
        for (JsonNode line : json) {
            lines.add(new OrderLine(text(line, "sku"), intValue(line, "quantity"), longValue(line, "unitPrice")));
        }
        return lines;
    }
}
