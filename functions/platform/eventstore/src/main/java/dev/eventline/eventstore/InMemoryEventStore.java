package dev.eventline.eventstore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reference implementation of {@link EventStore}: what the DynamoDB store must behave like,
 * and a fast store for application tests. Thread-safe.
 */
public final class InMemoryEventStore implements EventStore, InlineViews {
    private final Map<String, List<RecordedEvent>> streams = new HashMap<>();
    private final Map<String, InlineView> views = new HashMap<>();
    private final Map<String, IdempotencyRecord> idempotency = new HashMap<>();
    private final Clock clock;

    public InMemoryEventStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AppendResult append(
            String streamId, long expectedVersion, List<NewEvent> events, Optional<IdempotencyRecord> record) {
        return append(streamId, expectedVersion, events, record, List.of());
    }

    @Override
    public synchronized AppendResult append(
            String streamId,
            long expectedVersion,
            List<NewEvent> events,
            Optional<IdempotencyRecord> record,
            List<InlineView> inlineViews) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append to " + streamId);
        }
        List<RecordedEvent> stream = streams.getOrDefault(streamId, List.of());
        if (record.isPresent()) {
            IdempotencyRecord existing = idempotency.get(record.get().key());
            if (existing != null && existing.isLiveAt(clock.instant())) {
                throw new IdempotencyKeyConflictException(existing);
            }
        }
        if (stream.size() != expectedVersion) {
            RecordedEvent next = stream.size() > expectedVersion ? stream.get((int) expectedVersion) : null;
            throw new WrongExpectedVersionException(streamId, expectedVersion, stream.size(), next);
        }
        for (InlineView view : inlineViews) {
            InlineView stored = views.get(viewKey(view.view(), view.key()));
            if (stored != null && stored.version() >= view.version()) {
                throw new IllegalStateException("inline view " + view.view() + " of " + view.key()
                        + " is already past version " + view.version() + " of " + streamId);
            }
        }
        List<RecordedEvent> appended = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (NewEvent event : events) {
            appended.add(RecordedEvent.of(streamId, ++version, event, clock.instant()));
        }
        List<RecordedEvent> updated = new ArrayList<>(stream);
        updated.addAll(appended);
        streams.put(streamId, updated);
        record.ifPresent(r -> idempotency.put(r.key(), r));
        inlineViews.forEach(view -> views.put(viewKey(view.view(), view.key()), view));
        return new AppendResult(streamId, version, appended);
    }

    @Override
    public synchronized List<RecordedEvent> readAfter(String streamId, long afterVersion) {
        List<RecordedEvent> stream = streams.getOrDefault(streamId, List.of());
        return List.copyOf(stream.subList((int) Math.min(Math.max(afterVersion, 0), stream.size()), stream.size()));
    }

    @Override
    public synchronized StreamPage readPage(String streamId, long afterVersion, int limit) {
        List<RecordedEvent> after = readAfter(streamId, afterVersion);
        return new StreamPage(streamId, after.subList(0, Math.min(limit, after.size())), after.size() > limit);
    }

    @Override
    public synchronized Optional<InlineView> findView(String view, String key) {
        return Optional.ofNullable(views.get(viewKey(view, key)));
    }

    private static String viewKey(String view, String key) {
        return view + "\u0000" + key;
    }

    @Override
    public synchronized Optional<IdempotencyRecord> findIdempotencyRecord(String key) {
        return Optional.ofNullable(idempotency.get(key)).filter(r -> r.isLiveAt(clock.instant()));
    }
}
