package dev.eventline.local;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Timings of the local event-source runtime.
 *
 * @param streamPollInterval  idle wait between GetRecords calls; Lambda polls each shard 4 times a second
 * @param retryBackoff        first wait before retrying a failed stream batch, doubled per retry
 * @param maxRetryBackoff     cap of that wait
 * @param sqsPollInterval     idle wait between empty ReceiveMessage calls. Short polls, not long
 *                            ones: the project's moto launcher serializes requests, and moto holds
 *                            a long poll inside that lock, stalling every other client meanwhile
 * @param sqsRetryVisibility  how soon a failed SQS message becomes visible again; empty keeps the
 *                            queue's VisibilityTimeout as on AWS (180 s in the template: a poison
 *                            message would take 15 minutes to reach its DLQ locally)
 */
public record RuntimeSettings(
        Duration streamPollInterval,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration sqsPollInterval,
        Optional<Duration> sqsRetryVisibility) {

    public static final RuntimeSettings DEFAULTS = new RuntimeSettings(
            Duration.ofMillis(250),
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            Duration.ofMillis(250),
            Optional.of(Duration.ofSeconds(2)));

    /** Tests: fast polling and retries, so that exhausting three retries takes a fraction of a second. */
    public static final RuntimeSettings FAST = new RuntimeSettings(
            Duration.ofMillis(50),
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            Duration.ofMillis(50),
            Optional.of(Duration.ZERO));

    /** {@code LOCAL_SQS_RETRY_SECONDS} ({@code -1}: the queue's own visibility timeout, as on AWS). */
    public static RuntimeSettings fromEnvironment(Map<String, String> env) {
        Optional<Duration> sqsRetry = Optional.ofNullable(env.get("LOCAL_SQS_RETRY_SECONDS"))
                .map(Integer::parseInt)
                .map(seconds -> seconds < 0 ? null : Duration.ofSeconds(seconds));
        return new RuntimeSettings(
                DEFAULTS.streamPollInterval,
                DEFAULTS.retryBackoff,
                DEFAULTS.maxRetryBackoff,
                DEFAULTS.sqsPollInterval,
                env.containsKey("LOCAL_SQS_RETRY_SECONDS") ? sqsRetry : DEFAULTS.sqsRetryVisibility);
    }

    Duration backoff(int retry) {
        long millis = retryBackoff.toMillis() << Math.min(Math.max(retry - 1, 0), 16);
        return Duration.ofMillis(Math.min(millis, maxRetryBackoff.toMillis()));
    }
}
