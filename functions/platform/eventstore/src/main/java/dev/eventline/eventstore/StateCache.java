package dev.eventline.eventstore;

import dev.eventline.eventstore.StreamLoader.Loaded;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recently used stream states of this process (a warm Lambda container). Entries may be stale:
 * the conditional append is what detects it, so the cache never needs invalidation messages.
 */
final class StateCache<S> {
    static final int DEFAULT_CAPACITY = 1_000;

    private final int capacity;
    private final Map<String, Loaded<S>> entries;

    StateCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Loaded<S>> eldest) {
                return size() > StateCache.this.capacity;
            }
        };
    }

    synchronized Optional<Loaded<S>> get(String streamId) {
        return capacity == 0 ? Optional.empty() : Optional.ofNullable(entries.get(streamId));
    }

    synchronized void put(String streamId, Loaded<S> loaded) {
        if (capacity > 0) {
            Loaded<S> current = entries.get(streamId);
            if (current == null || current.version() <= loaded.version()) {
                entries.put(streamId, loaded);
            }
        }
    }

    synchronized void evict(String streamId) {
        entries.remove(streamId);
    }

    synchronized void clear() {
        entries.clear();
    }
}
