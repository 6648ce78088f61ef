package dev.eventline.eventstore;

/** The caller demanded a version ({@code If-Match}) and the stream is elsewhere; nothing was written. */
public final class ExpectedVersionMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    public ExpectedVersionMismatchException(String streamId, long expectedVersion, long actualVersion) {
        super(
                "stream " + streamId + " is at version " + actualVersion + ", not " + expectedVersion,
                null,
                false,
                false);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
