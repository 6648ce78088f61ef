package dev.eventline.ordering.publisher;

import java.util.List;

/**
 * What one invocation achieved: how many events reached the bus, and the sequence numbers of the
 * records that did not (failed after retries, held back behind a failure of their stream, or
 * unreadable), in batch order.
 */
public record PublishOutcome(int published, int retried, List<String> failedSequenceNumbers) {
    public PublishOutcome {
        failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
    }
}
