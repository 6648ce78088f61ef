package dev.eventline.eventstore;

import java.util.Optional;

/**
 * The stream moved on since it was read: optimistic concurrency said no and nothing was written.
 * When the store can tell which event now occupies the expected next position (DynamoDB returns
 * it with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD} at no read cost), it is attached so
 * the caller can catch up without another read.
 */
public final class WrongExpectedVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersionAtLeast;
    private final transient RecordedEvent conflictingEvent;

    public WrongExpectedVersionException(
            String streamId, long expectedVersion, long actualVersionAtLeast, RecordedEvent conflictingEvent) {
        super(
                "stream " + streamId + " is at version " + actualVersionAtLeast + " or later, expected "
                        + expectedVersion,
                null,
                false,
                false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersionAtLeast = actualVersionAtLeast;
        this.conflictingEvent = conflictingEvent;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    /** A lower bound: at least this many events exist now. */
    public long actualVersionAtLeast() {
        return actualVersionAtLeast;
    }

    /** The event written concurrently at {@code expectedVersion + 1}, when the store returned it. */
    public Optional<RecordedEvent> conflictingEvent() {
        return Optional.ofNullable(conflictingEvent);
    }
}
