package dev.eventline.eventstore.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.eventline.eventstore.snapshot.Snapshot;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** The latest snapshot of a stream: one item per stream, overwritten only by a later version. */
public record SnapshotItem(String streamId, long version, int stateSchemaVersion, String state, String takenAt) {

    public static final TableSchema<SnapshotItem> SCHEMA = StaticImmutableTableSchema.builder(
                    SnapshotItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name("streamId")
                            .getter(SnapshotItem::streamId)
                            .setter(Builder::streamId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    Long.class,
                    a -> a.name("version").getter(SnapshotItem::version).setter(Builder::version))
            .addAttribute(
                    Integer.class,
                    a -> a.name("stateSchemaVersion")
                            .getter(SnapshotItem::stateSchemaVersion)
                            .setter(Builder::stateSchemaVersion))
            .addAttribute(
                    String.class,
                    a -> a.name("state").getter(SnapshotItem::state).setter(Builder::state))
            .addAttribute(
                    String.class,
                    a -> a.name("takenAt").getter(SnapshotItem::takenAt).setter(Builder::takenAt))
            .build();

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

    public static final class Builder {
        private String streamId;
        private long version;
        private int stateSchemaVersion;
        private String state;
        private String takenAt;

        public Builder streamId(String v) {
            this.streamId = v;
            return this;
        }

        public Builder version(Long v) {
            this.version = v == null ? 0 : v;
            return this;
        }

        public Builder stateSchemaVersion(Integer v) {
            this.stateSchemaVersion = v == null ? 0 : v;
            return this;
        }

        public Builder state(String v) {
            this.state = v;
            return this;
        }

        public Builder takenAt(String v) {
            this.takenAt = v;
            return this;
        }

        public SnapshotItem build() {
            return new SnapshotItem(streamId, version, stateSchemaVersion, state, takenAt);
        }
    }
}
