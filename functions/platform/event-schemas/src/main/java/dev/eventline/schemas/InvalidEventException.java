package dev.eventline.schemas;

/** An event payload does not match its schema: a bug in the producing code, reported before anything is appended. */
public final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }
}
