package dev.eventline.eventstore.testkit;

import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.InMemoryEventStore;

class InMemoryEventStoreContractTest extends EventStoreContract {
    private final EventStore store = new InMemoryEventStore(clock);

    @Override
    protected EventStore store() {
        return store;
    }
}
