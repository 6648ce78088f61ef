package dev.eventline.ordering.rebuild;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a rebuild or a verification is.
 *
 * @param streamsTotal an estimate (DescribeTable's item count, refreshed by DynamoDB about every six
 *                     hours, divided by the mean events per stream seen so far); 0 when unknown
 */
public record Progress(long streamsDone, long streamsTotal, long eventsFolded, Duration elapsed) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : eventsFolded / seconds;
    }

    /** Empty while nothing is done or the total is unknown. */
    public Optional<Duration> eta() {
        if (streamsDone == 0 || streamsTotal <= streamsDone) {
            return Optional.empty();
        }
        double perStream = (double) elapsed.toNanos() / streamsDone;
        return Optional.of(Duration.ofNanos((long) (perStream * (streamsTotal - streamsDone))));
    }

    /** Told after each page of streams; called from the scanning threads, one at a time. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = progress -> {};

        void onProgress(Progress progress);
    }
}
