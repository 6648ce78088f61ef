package dev.eventline.eventstore;

import java.util.Objects;

/**
 * An event about to be appended: already serialized (JSON) at a given schema version.
 *
 * @param eventId       globally unique; consumers deduplicate on it
 * @param type          the event type name, e.g. {@code OrderPlaced}
 * @param schemaVersion the version of the JSON Schema {@code data} conforms to
 * @param data          the event payload as JSON
 */
public record NewEvent(String eventId, String type, int schemaVersion, String data, EventMetadata metadata) {
    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metadata, "metadata");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
        }
    }
}
