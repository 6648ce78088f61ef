package dev.eventline.ops.cli;

/**
 * The exit codes of every {@code eventline} command, the contract scripts rely on (docs/operations.md
 * lists them). A command that finished but found something an operator must look at exits
 * {@link #ATTENTION}, so {@code eventline dlq redrive q && next-step} stops when messages are left.
 */
public final class ExitCodes {
    private ExitCodes() {}

    /** Done, nothing left to look at. */
    public static final int OK = 0;
    /** Done, but something needs attention: messages left in a queue, a mismatch, a consumer behind. */
    public static final int ATTENTION = 1;
    /** The command line is wrong (picocli's own code for invalid input). */
    public static final int USAGE = 2;
    /** What the command names does not exist: a stream, a queue, a read model, an archive. */
    public static final int NOT_FOUND = 3;
    /** The local stack or AWS cannot be reached, or refused the credentials. */
    public static final int UNAVAILABLE = 4;
    /** The operation failed part-way; what it did is kept, and running it again resumes. */
    public static final int FAILED = 5;
    /** Stopped by Ctrl-C (128 + SIGINT); running the command again resumes where it stopped. */
    public static final int INTERRUPTED = 130;
}
