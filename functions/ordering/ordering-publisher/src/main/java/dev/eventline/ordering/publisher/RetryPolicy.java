package dev.eventline.ordering.publisher;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries of entries EventBridge refused (throttling, internal errors): {@code maxAttempts}
 * tries per event, exponential backoff with full jitter between rounds. Past that the record is
 * reported as a batch item failure, so Lambda retries it later or parks it in the on-failure queue.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Sleeper.THREAD);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    /** Waits before retry {@code retry} (1 = the first retry). */
    void pauseBefore(int retry) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1)));
    }

    /** How the publisher waits; tests pass one that does not. */
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
}
