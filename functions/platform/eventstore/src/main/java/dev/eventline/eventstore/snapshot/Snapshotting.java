package dev.eventline.eventstore.snapshot;

import java.util.Objects;

/**
 * Snapshot configuration of one aggregate type.
 *
 * @param rewriteThreshold a replay that read at least this many events (because the snapshot was
 *                         missing, corrupt or of an old schema) rewrites the snapshot right away
 */
public record Snapshotting<S>(SnapshotStore store, StateCodec<S> codec, SnapshotPolicy policy, int rewriteThreshold) {
    public Snapshotting {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(policy, "policy");
        if (rewriteThreshold < 1) {
            throw new IllegalArgumentException("rewriteThreshold must be >= 1, was " + rewriteThreshold);
        }
    }
}
