package dev.eventline.eventstore;

/**
 * A command that opens a new stream under a generated id found that stream already started by
 * another command: the generated id collided. Nothing was written; a retry generates a new id.
 */
public final class StreamAlreadyExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String streamId;

    public StreamAlreadyExistsException(String streamId) {
        super("stream " + streamId + " already exists: the id generated for a new stream collided with it");
        this.streamId = streamId;
    }

    public String streamId() {
        return streamId;
    }
}
