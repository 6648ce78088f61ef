package dev.eventline.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.RecordedEvent;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scaffolding of a context's {@link EventCodec} over its versioned JSON schemas: encoding validates the payload
 * against the current schema of its type before anything is appended; decoding parses the stored JSON and upcasts
 * whatever version was stored, so the domain only sees current records. Subclasses supply the per-type mapping
 * to their constructor.
 *
 * @param <E> the context's event type
 */
public abstract class JsonEventCodec<E> implements EventCodec<E> {

    private final EventSchemas schemas;
    private final Function<? super E, String> typeOf;
    private final Function<? super E, ObjectNode> toJson;
    private final BiFunction<String, JsonNode, ? extends E> fromJson;

    /**
     * @param typeOf   the stored type name of an event
     * @param toJson   an event's payload at the current schema version of its type, unvalidated
     * @param fromJson a payload at the current schema version of a type as its record; throws
     *                 {@link IllegalArgumentException} for an unknown type or a missing or mistyped field
     */
    protected JsonEventCodec(
            EventSchemas schemas,
            Function<? super E, String> typeOf,
            Function<? super E, ObjectNode> toJson,
            BiFunction<String, JsonNode, ? extends E> fromJson) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.typeOf = Objects.requireNonNull(typeOf, "typeOf");
        this.toJson = Objects.requireNonNull(toJson, "toJson");
        this.fromJson = Objects.requireNonNull(fromJson, "fromJson");
    }

    /** @throws InvalidEventException the event breaks its schema: a bug, reported before appending */
    @Override
    public final EncodedEvent encode(E event) {
        String type = typeOf.apply(event);
        int version = schemas.currentVersion(type);
        ObjectNode json = toJson.apply(event);
        schemas.validate(type, version, json);
        return new EncodedEvent(type, version, EventJson.write(json));
    }

    /** @throws IllegalStateException naming the stream, position and type of a stored event that cannot be read */
    @Override
    public final E decode(RecordedEvent event) {
        try {
            JsonNode current = schemas.upcast(event.type(), event.schemaVersion(), EventJson.parseObject(event.data()));
            return fromJson.apply(event.type(), current);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot decode event " + event.streamId() + "@" + event.version() + " (" + event.type() + " v"
                            + event.schemaVersion() + "): " + e.getMessage(),
                    e);
        }
    }
}
