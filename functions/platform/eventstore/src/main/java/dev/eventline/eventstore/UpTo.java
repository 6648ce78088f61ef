package dev.eventline.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link StreamFold} stops: it folds events while they are admitted and stops before the first
 * one that is not, so the same fold shows a stream as it is, as it was at a version, or as it was at
 * a moment.
 */
@FunctionalInterface
public interface UpTo {

    boolean admits(RecordedEvent event);

    /** Every event given: the stream as far as it was read. */
    static UpTo end() {
        return event -> true;
    }

    /** Events up to and including {@code version}. */
    static UpTo version(long version) {
        return event -> event.version() <= version;
    }

    /** Events the store recorded at or before {@code instant}. */
    static UpTo recordedAtOrBefore(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return event -> !event.recordedAt().isAfter(instant);
    }
}
