package dev.eventline.eventstore;

import java.util.List;
import java.util.Optional;

/** Appending to a stream under optimistic concurrency. Role interface of {@link EventStore}. */
public interface EventAppender {

    /**
     * Appends events at {@code expectedVersion + 1 ...} atomically, or not at all.
     *
     * @param expectedVersion the version the caller decided on; 0 for a new stream
     * @param idempotency     when present, remembered in the same atomic write
     * @throws WrongExpectedVersionException    when the stream is not at {@code expectedVersion}
     * @throws IdempotencyKeyConflictException  when the idempotency key is already taken
     */
    AppendResult append(
            String streamId, long expectedVersion, List<NewEvent> events, Optional<IdempotencyRecord> idempotency);

    /**
     * Appends events and writes the inline views computed from the state they lead to, all in one
     * atomic write: either the events and every view item are stored, or nothing is. A view item is
     * never replaced by one of a lower version.
     *
     * @throws UnsupportedOperationException when {@code views} is not empty and the store keeps no views
     */
    default AppendResult append(
            String streamId,
            long expectedVersion,
            List<NewEvent> events,
            Optional<IdempotencyRecord> idempotency,
            List<InlineView> views) {
        if (!views.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no inline views");
        }
        return append(streamId, expectedVersion, events, idempotency);
    }

    default AppendResult append(String streamId, long expectedVersion, List<NewEvent> events) {
        return append(streamId, expectedVersion, events, Optional.empty());
    }
}
