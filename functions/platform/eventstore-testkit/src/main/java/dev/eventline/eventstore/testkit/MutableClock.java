package dev.eventline.eventstore.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand, to hand to every component a fixture builds. It stands still until
 * {@link #advance}d, so a test can assert exact timestamps and make a day pass in no time.
 *
 * <p>Fixtures that talk to the emulator start it at the real time ({@link #startingNow}): the
 * emulator stamps stream records with its own clock, and TTL attributes must not lie in the past
 * where an emulator deletes expired items.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    private MutableClock(Instant start) {
        this.now = start;
    }

    /** At this instant, for tests whose components all see this clock and nothing else. */
    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /** At the system clock's current millisecond (stored instants round-trip at that precision). */
    public static MutableClock startingNow() {
        return new MutableClock(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MILLIS));
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
