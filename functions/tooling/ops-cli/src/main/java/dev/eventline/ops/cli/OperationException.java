package dev.eventline.ops.cli;

/** A failure a command reports with its own exit code and a message meant for the operator. */
public final class OperationException extends RuntimeException {
    private final int exitCode;

    public OperationException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public OperationException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
