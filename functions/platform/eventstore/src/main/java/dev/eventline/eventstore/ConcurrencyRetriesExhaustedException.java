package dev.eventline.eventstore;

/** Every attempt lost the race for the stream's next version; nothing was written. */
public final class ConcurrencyRetriesExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final int attempts;

    public ConcurrencyRetriesExhaustedException(String streamId, int attempts) {
        super("gave up on stream " + streamId + " after " + attempts + " conflicting attempts", null, false, false);
        this.streamId = streamId;
        this.attempts = attempts;
    }

    public String streamId() {
        return streamId;
    }

    public int attempts() {
        return attempts;
    }
}
