package dev.eventline.eventstore;

import java.util.List;

/**
 * Reading a stream: all a projection, a history view or a snapshot chaser needs. Role interface of
 * {@link EventStore}, so a read-only consumer is built with the events table alone.
 */
public interface EventReader {

    /** Every event after {@code afterVersion}, in order, read consistently. */
    List<RecordedEvent> readAfter(String streamId, long afterVersion);

    /**
     * Like {@link #readAfter}, but the newest events may be missing (on DynamoDB an eventually
     * consistent read, at half the read capacity). Only for a caller whose next write is conditional
     * on the version it read, so that a missed event is found out by that write, and which confirms
     * on a consistent read anything it would answer without writing.
     */
    default List<RecordedEvent> readAfterPossiblyStale(String streamId, long afterVersion) {
        return readAfter(streamId, afterVersion);
    }

    /**
     * At most {@code limit} events after {@code afterVersion}: a page for audit trails and catch-up.
     * {@code limit} may come from a caller (up to {@link Integer#MAX_VALUE}): a store allocates and
     * requests by what the stream holds, never by {@code limit}.
     */
    StreamPage readPage(String streamId, long afterVersion, int limit);
}
