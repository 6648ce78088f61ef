package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.Backoff;
import dev.eventline.eventstore.Sleeper;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries of entries EventBridge refused (throttling, internal errors): {@code maxAttempts}
 * tries per event, exponential backoff with full jitter between rounds. Past that the record is
 * reported as a batch item failure, so Lambda retries it later or parks it in the on-failure queue.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper) {
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Sleeper.THREAD);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        new Backoff(baseDelay, maxDelay); // refuses a bad pair now rather than at the first pause
    }

    /** Waits before retry {@code retry} (1 = the first retry). */
    void pauseBefore(int retry) {
        sleeper.sleep(new Backoff(baseDelay, maxDelay).pause(retry, ThreadLocalRandom.current()));
    }
}
