package dev.eventline.eventstore;

import java.time.Duration;

/**
 * How a component waits before retrying: {@link #THREAD} in production; tests pass one that records
 * the pauses (and advances their fake time) instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    };

    void sleep(Duration duration);
}
