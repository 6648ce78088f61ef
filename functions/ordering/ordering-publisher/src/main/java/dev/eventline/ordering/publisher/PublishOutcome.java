package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import java.util.List;

/**
 * What one round of publishing achieved: per stream (in the order given) how many of its events
 * reached the bus and, when one was refused to the end, which and why; and the counts for metrics.
 */
record PublishOutcome(List<StreamProgress> streams, int published, int retried) {
    PublishOutcome {
        streams = List.copyOf(streams);
    }

    /** @param refused the event EventBridge kept refusing (nothing after it was sent), or null */
    record StreamProgress(int published, RecordedEvent refused, String error) {}

    long refusals() {
        return streams.stream().filter(s -> s.refused() != null).count();
    }
}
