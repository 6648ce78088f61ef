package dev.eventline.eventstore.testkit;

import dev.eventline.eventstore.snapshot.InMemorySnapshotStore;
import dev.eventline.eventstore.snapshot.SnapshotStore;

class InMemorySnapshotStoreContractTest extends SnapshotStoreContract {
    private final SnapshotStore store = new InMemorySnapshotStore();

    @Override
    protected SnapshotStore store() {
        return store;
    }
}
