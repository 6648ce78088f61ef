package dev.eventline.eventstore.snapshot;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference implementation of {@link SnapshotStore}, beside the in-memory event store: what the
 * DynamoDB store must behave like (both pass the snapshot-store contract), and a fast store for tests.
 */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    @Override
    public Optional<Snapshot> load(String streamId) {
        return Optional.ofNullable(snapshots.get(streamId));
    }

    /** Keeps the newest: a save at the same version replaces (rewrites a corrupt head), an older one is ignored. */
    @Override
    public void save(Snapshot snapshot) {
        snapshots.merge(
                snapshot.streamId(),
                snapshot,
                (existing, offered) -> offered.version() >= existing.version() ? offered : existing);
    }

    /** Forgets every snapshot: loading must still succeed from the events. */
    public void clear() {
        snapshots.clear();
    }
}
