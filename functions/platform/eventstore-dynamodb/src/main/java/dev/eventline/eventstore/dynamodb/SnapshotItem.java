package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.snapshot.Snapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The latest snapshot of a stream: one item per stream, overwritten only by a later version. Mapped
 * by hand on the low-level client (no enhanced client in the Lambda jars).
 */
public record SnapshotItem(String streamId, long version, int stateSchemaVersion, String state, String takenAt) {

    public static final String STREAM_ID = "streamId";
    public static final String VERSION = "version";
    static final String STATE_SCHEMA_VERSION = "stateSchemaVersion";
    static final String STATE = "state";
    static final String TAKEN_AT = "takenAt";

    public static SnapshotItem from(Snapshot s) {
        return new SnapshotItem(
                s.streamId(),
                s.version(),
                s.stateSchemaVersion(),
                s.state(),
                s.takenAt().toString());
    }

    public Snapshot toSnapshot() {
        return new Snapshot(streamId, version, stateSchemaVersion, state, Instant.parse(takenAt));
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(8);
        item.put(STREAM_ID, AttributeValue.fromS(streamId));
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
        item.put(STATE_SCHEMA_VERSION, AttributeValue.fromN(Integer.toString(stateSchemaVersion)));
        IdempotencyItem.putString(item, STATE, state);
        IdempotencyItem.putString(item, TAKEN_AT, takenAt);
        return item;
    }

    /**
     * Absent numbers read as 0, as the enhanced-client schema did, so a stored item missing them is
     * treated as the oldest possible snapshot rather than failing the load.
     */
    public static SnapshotItem fromItem(Map<String, AttributeValue> item) {
        return new SnapshotItem(
                string(item, STREAM_ID),
                number(item, VERSION),
                (int) number(item, STATE_SCHEMA_VERSION),
                string(item, STATE),
                string(item, TAKEN_AT));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
