package dev.eventline.streams;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed attempts per event, counted in this process only. A Lambda container handles one shard's
 * batches in turn and usually the same container sees the retries, but a retry may land on a fresh
 * container that starts from zero: an event can therefore get more attempts than the limit before
 * it is parked, never fewer. Bounded (least recently failed forgotten first) so a long-lived
 * container cannot grow without limit.
 */
public final class AttemptTracker {
    private static final int DEFAULT_CAPACITY = 10_000;

    /** Attempts so far and when the first one failed. */
    public record Attempts(int count, Instant firstFailedAt) {}

    private final Map<String, Attempts> attempts;

    public AttemptTracker() {
        this(DEFAULT_CAPACITY);
    }

    public AttemptTracker(int capacity) {
        this.attempts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Counts one more failed attempt of {@code key}. */
    public synchronized Attempts failed(String key, Instant now) {
        Attempts previous = attempts.get(key);
        Attempts next =
                previous == null ? new Attempts(1, now) : new Attempts(previous.count() + 1, previous.firstFailedAt());
        attempts.put(key, next);
        return next;
    }

    public synchronized int count(String key) {
        Attempts current = attempts.get(key);
        return current == null ? 0 : current.count();
    }
}
