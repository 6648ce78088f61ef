package dev.eventline.eventstore;

/**
 * What the caller expects of the stream's version. {@link #any()} lets the executor resolve
 * conflicts by deciding again on fresh state; {@link #exactly(long)} (HTTP {@code If-Match})
 * turns any difference into {@link ExpectedVersionMismatchException}.
 */
public sealed interface Expectation {

    static Expectation any() {
        return Any.INSTANCE;
    }

    static Expectation exactly(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + version);
        }
        return new Exactly(version);
    }

    enum Any implements Expectation {
        INSTANCE
    }

    record Exactly(long version) implements Expectation {}
}
