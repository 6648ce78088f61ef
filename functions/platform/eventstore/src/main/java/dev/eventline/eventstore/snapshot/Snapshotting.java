package dev.eventline.eventstore.snapshot;

import java.util.Objects;

/**
 * Snapshot configuration of one aggregate type.
 *
 * @param rewriteThreshold a replay that read at least this many events (because the snapshot was
 *                         missing, corrupt or of an old schema) rewrites the snapshot right away
 * @param problems         told of every snapshot ignored or not written
 */
public record Snapshotting<S>(
        SnapshotStore store,
        StateCodec<S> codec,
        SnapshotPolicy policy,
        int rewriteThreshold,
        SnapshotProblems problems) {
    public Snapshotting {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(problems, "problems");
        if (rewriteThreshold < 1) {
            throw new IllegalArgumentException("rewriteThreshold must be >= 1, was " + rewriteThreshold);
        }
    }

    /**
     * Items read a request from the head of a stream when snapshots share the stream
     * ({@link CoLocatedSnapshots}): the events a snapshot may be behind plus the snapshot item, so one
     * request reaches it; within DynamoDB's 1 MB page anyway.
     */
    public int headPageSize() {
        return (int) Math.min(rewriteThreshold + 1L, 1_000);
    }

    /**
     * The state {@code snapshot} holds, if it can stand in for the events up to its version: written
     * for the current state schema, and decodable.
     *
     * @throws IllegalArgumentException saying why it cannot (then the stream is replayed around it)
     */
    public S stateOf(Snapshot snapshot) {
        if (snapshot.stateSchemaVersion() != codec.schemaVersion()) {
            throw new IllegalArgumentException("the snapshot of " + snapshot.streamId() + " at version "
                    + snapshot.version() + " has state schema v" + snapshot.stateSchemaVersion() + ", current is v"
                    + codec.schemaVersion());
        }
        try {
            return codec.decode(snapshot.state());
        } catch (RuntimeException corrupt) {
            throw new IllegalArgumentException(
                    "the snapshot of " + snapshot.streamId() + " at version " + snapshot.version()
                            + " does not decode: " + corrupt.getMessage(),
                    corrupt);
        }
    }
}
