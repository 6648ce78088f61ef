package dev.eventline.eventstore.snapshot;

import java.util.Optional;

/** Where snapshots live: one per stream, the latest wins. */
public interface SnapshotStore {

    Optional<Snapshot> load(String streamId);

    /** Saves unless a snapshot at the same or a later version is already there. */
    void save(Snapshot snapshot);
}
