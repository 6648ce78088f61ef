package dev.eventline.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as stored: immutable, at a position ({@code version}, 1..n) in its stream.
 *
 * @param recordedAt when the store accepted it (used for projection lag and time travel)
 */
public record RecordedEvent(
        String streamId,
        long version,
        String eventId,
        String type,
        int schemaVersion,
        String data,
        EventMetadata metadata,
        Instant recordedAt) {

    public RecordedEvent {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }

    public static RecordedEvent of(String streamId, long version, NewEvent event, Instant recordedAt) {
        return new RecordedEvent(
                streamId,
                version,
                event.eventId(),
                event.type(),
                event.schemaVersion(),
                event.data(),
                event.metadata(),
                recordedAt);
    }
}
