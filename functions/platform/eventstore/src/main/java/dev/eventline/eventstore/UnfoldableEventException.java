package dev.eventline.eventstore;

import java.util.Objects;

/**
 * An event that cannot become part of its stream's state: it does not decode (unknown type or schema
 * version, data the upcasters or the decoder refuse), the decider's {@code evolve} refuses it, or it
 * does not continue the stream (a hole, a repeat, another stream's event). Names the stream and the
 * version, so the event can be found; the cause, where there is one, is the decoder's or evolve's own.
 */
public final class UnfoldableEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long version;
    private final String eventId;

    UnfoldableEventException(RecordedEvent event, String why, RuntimeException cause) {
        super("cannot fold " + event.streamId() + "@" + event.version() + " (" + event.type() + " v"
                + event.schemaVersion() + ", eventId " + event.eventId() + "): " + why
                + (cause == null ? "" : ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage()), cause);
        this.streamId = Objects.requireNonNull(event.streamId(), "streamId");
        this.version = event.version();
        this.eventId = event.eventId();
    }

    /** The stream of the event; for another stream's event, that other stream. */
    public String streamId() {
        return streamId;
    }

    public long version() {
        return version;
    }

    public String eventId() {
        return eventId;
    }
}
