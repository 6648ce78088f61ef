package dev.eventline.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamId;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.EventSchemas;
import java.util.Map;
import java.util.Optional;

/**
 * A stream's events as stored, each beside the payload the context's upcaster chain makes of it
 * (what every consumer decodes). The public audit trail shows the stored form only; this is how a
 * schema migration is checked event by event. An event whose payload does not upcast is shown with
 * the error in place of the payload: the page still answers, and the event is named.
 */
final class StreamInspection {
    /** The most events one page holds, whatever the caller asks for. */
    static final int MAX_LIMIT = 1000;

    /** A context the explorer reads: its events table and its schemas, by stream category. */
    record StreamContext(String name, EventReader events, EventSchemas schemas) {}

    private final Map<String, StreamContext> byCategory;

    StreamInspection(Map<String, StreamContext> byCategory) {
        this.byCategory = Map.copyOf(byCategory);
    }

    /**
     * @return empty when no context holds streams of the id's category
     * @throws IllegalArgumentException when {@code streamId} is not {@code Category-id}
     */
    Optional<ObjectNode> page(String streamId, long afterVersion, int limit) {
        StreamId id = StreamId.parse(streamId);
        StreamContext context = byCategory.get(id.category());
        if (context == null) {
            return Optional.empty();
        }
        StreamPage page = context.events().readPage(id.value(), afterVersion, limit);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("streamId", id.value());
        body.put("context", context.name());
        ArrayNode events = body.putArray("events");
        page.events().forEach(event -> events.add(describe(event, context.schemas())));
        if (page.hasMore()) {
            body.put("nextAfter", page.lastVersion(afterVersion));
        } else {
            body.putNull("nextAfter");
        }
        return Optional.of(body);
    }

    private static ObjectNode describe(RecordedEvent event, EventSchemas schemas) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", event.version());
        node.put("eventId", event.eventId());
        node.put("type", event.type());
        node.put(
                "recordedAt",
                event.recordedAt() == null ? null : event.recordedAt().toString());
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("commandId", event.metadata().commandId());
        metadata.put("correlationId", event.metadata().correlationId());
        metadata.put("causationId", event.metadata().causationId());
        metadata.put("actor", event.metadata().actor());
        metadata.put("occurredAt", event.metadata().occurredAt().toString());
        if (event.metadata().traceId() != null) {
            metadata.put("traceId", event.metadata().traceId());
        }
        ObjectNode stored = node.putObject("stored");
        stored.put("schemaVersion", event.schemaVersion());
        JsonNode data;
        try {
            data = EventJson.parseObject(event.data());
        } catch (RuntimeException e) {
            stored.put("raw", event.data());
            node.putObject("upcast").put("error", "the stored payload is not a JSON object: " + e.getMessage());
            return node;
        }
        stored.set("data", data);
        ObjectNode upcast = node.putObject("upcast");
        try {
            upcast.put("schemaVersion", schemas.currentVersion(event.type()));
            upcast.set("data", schemas.upcast(event.type(), event.schemaVersion(), data.deepCopy()));
        } catch (RuntimeException e) {
            upcast.removeAll();
            upcast.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return node;
    }
}
