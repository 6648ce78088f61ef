package dev.eventline.ordering.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.ordering.OrderingUpcasters;

/**
 * Publishes every event at the current version of its schema: the store keeps payloads as they were
 * written (v1 forever), but subscribers in other contexts should not each carry our upcaster chain.
 * So a stored {@code OrderShipped} v1 ({@code trackingCode}) leaves as v2 ({@code trackingNumber}),
 * and {@code dataschema} names the version the payload really conforms to.
 */
final class CurrentContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventSchemas schemas;

    CurrentContract() {
        this(EventSchemas.forContext(OrderingUpcasters.CONTEXT, OrderingUpcasters.upcasters()));
    }

    CurrentContract(EventSchemas schemas) {
        this.schemas = schemas;
    }

    /** @throws IllegalArgumentException for a type without a schema or a payload its upcasters refuse */
    RecordedEvent lift(RecordedEvent event) {
        int current = schemas.currentVersion(event.type());
        if (event.schemaVersion() == current) {
            return event;
        }
        try {
            JsonNode lifted = schemas.upcast(event.type(), event.schemaVersion(), JSON.readTree(event.data()));
            return new RecordedEvent(
                    event.streamId(),
                    event.version(),
                    event.eventId(),
                    event.type(),
                    current,
                    JSON.writeValueAsString(lifted),
                    event.metadata(),
                    event.recordedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.eventId() + " has a payload that is not JSON", e);
        }
    }
}
