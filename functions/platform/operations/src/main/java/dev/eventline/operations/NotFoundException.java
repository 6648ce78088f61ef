package dev.eventline.operations;

/** What an operation was asked about does not exist: a stream category, a queue, an archive, a replay. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
