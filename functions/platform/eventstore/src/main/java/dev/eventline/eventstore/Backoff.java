package dev.eventline.eventstore;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: retry {@code n} waits a uniformly random time between zero
 * and {@code min(max, base × 2^(n-1))}. Full jitter rather than a fixed schedule so that writers who
 * collided once do not collide again on the same beat.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= max, was " + base + " and " + max);
        }
    }

    /**
     * This backoff with a base of at least {@code slot} (and at most {@code max}): retrying sooner than
     * the contenders' own round trip only meets them again, so the pauses are counted in round trips
     * when those are longer than the base — as on a loaded emulator, or a throttled table.
     */
    public Backoff withSlot(Duration slot) {
        Duration atLeast = slot.compareTo(base) > 0 ? slot : base;
        return new Backoff(atLeast.compareTo(max) < 0 ? atLeast : max, max);
    }

    /** The longest pause before retry {@code retry} (1 = the first retry). */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        long ceiling = base.toNanos();
        for (int doubled = 1; doubled < retry && ceiling > 0 && ceiling < max.toNanos(); doubled++) {
            ceiling = Math.min(max.toNanos(), ceiling * 2); // below max, so doubling cannot overflow
        }
        return Duration.ofNanos(Math.min(ceiling, max.toNanos()));
    }

    /** A pause before retry {@code retry}: uniform in {@code [0, ceiling(retry)]}. */
    public Duration pause(int retry, RandomGenerator random) {
        return Duration.ofNanos(random.nextLong(ceiling(retry).toNanos() + 1));
    }
}
