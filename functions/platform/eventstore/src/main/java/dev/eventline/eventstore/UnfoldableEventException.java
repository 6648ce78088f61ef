package dev.eventline.eventstore;

/**
 * An event that cannot become part of its stream's state: it does not decode (unknown type or schema
 * version, data the upcasters or the decoder refuse), the decider's {@code evolve} refuses it, or it
 * does not continue the stream (a hole, a repeat, another stream's event). The message names the
 * stream and the version, so the event can be found; the cause, where there is one, is the
 * decoder's or evolve's own.
 */
public final class UnfoldableEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RecordedEvent event;

    UnfoldableEventException(RecordedEvent event, String why, RuntimeException cause) {
        super(
                "cannot fold " + event.streamId() + "@" + event.version() + " (" + event.type() + " v"
                        + event.schemaVersion() + ", eventId " + event.eventId() + "): " + why
                        + (cause == null ? "" : ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage()),
                cause);
        this.event = event;
    }

    /** The event as stored: its stream (for another stream's event, that other stream), version and id. */
    public RecordedEvent event() {
        return event;
    }
}
