package dev.eventline.eventstore.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * A cached fold of a stream up to {@code version}. Never a source of truth: it can be deleted,
 * corrupted or outdated at any time and loading must still succeed from the events.
 *
 * @param stateSchemaVersion the version of the serialized state's own shape; a snapshot written by
 *                           older code with another shape is ignored and rewritten
 */
public record Snapshot(String streamId, long version, int stateSchemaVersion, String state, Instant takenAt) {
    public Snapshot {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(takenAt, "takenAt");
    }
}
