package dev.eventline.streams;

import java.util.Objects;

/**
 * Applying one particular event failed in a way a retry cannot fix: its item is not a valid event,
 * its type or schema version is unknown, its data does not decode, or the fold refuses it. Such a
 * failure is attributed to the event (stream and version), counted, and parked once it keeps failing.
 * Anything else (throttling, timeouts, a failed write) is transient and simply retried.
 */
public final class UnprocessableEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long version;
    private final String eventId;

    /** @param eventId null when the item is too broken to tell */
    public UnprocessableEventException(String streamId, long version, String eventId, Throwable cause) {
        super("event " + streamId + "@" + version + " cannot be processed: " + describe(cause), cause);
        this.streamId = Objects.requireNonNull(streamId, "streamId");
        this.version = version;
        this.eventId = eventId;
    }

    public String streamId() {
        return streamId;
    }

    public long version() {
        return version;
    }

    /** May be null. */
    public String eventId() {
        return eventId;
    }

    /**
     * The identity attempts are counted under: the stream position, which names the event as
     * uniquely as its eventId and is known even when the item is too broken to yield an eventId.
     */
    public String attemptKey() {
        return streamId + "@" + version;
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
