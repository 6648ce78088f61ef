package dev.eventline.eventstore;

import java.util.List;
import java.util.Optional;

/**
 * The event store port. Append-only: there is deliberately no update or delete.
 * Implementations: {@link InMemoryEventStore} (reference and test double) and the DynamoDB store;
 * both pass the same contract suite.
 */
public interface EventStore {

    /**
     * Appends events at {@code expectedVersion + 1 ...} atomically, or not at all.
     *
     * @param expectedVersion the version the caller decided on; 0 for a new stream
     * @param idempotency     when present, remembered in the same atomic write
     * @throws WrongExpectedVersionException    when the stream is not at {@code expectedVersion}
     * @throws IdempotencyKeyConflictException  when the idempotency key is already taken
     */
    AppendResult append(String streamId, long expectedVersion, List<NewEvent> events,
                        Optional<IdempotencyRecord> idempotency);

    default AppendResult append(String streamId, long expectedVersion, List<NewEvent> events) {
        return append(streamId, expectedVersion, events, Optional.empty());
    }

    /** Every event after {@code afterVersion}, in order, read consistently. */
    List<RecordedEvent> readAfter(String streamId, long afterVersion);

    /**
     * At most {@code limit} events after {@code afterVersion}: a page for audit trails and catch-up.
     * {@code limit} may come from a caller (up to {@link Integer#MAX_VALUE}): a store allocates and
     * requests by what the stream holds, never by {@code limit}.
     */
    StreamPage readPage(String streamId, long afterVersion, int limit);

    /** The idempotency record for a key, if one is live. */
    Optional<IdempotencyRecord> findIdempotencyRecord(String key);
}
