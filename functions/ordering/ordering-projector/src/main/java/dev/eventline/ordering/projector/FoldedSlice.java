package dev.eventline.ordering.projector;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.streams.StreamSlice;
import java.util.List;

/**
 * One stream of a batch folded onto its stored summary, before anything is written.
 *
 * @param storedVersion  the summary's version before this batch (0: no summary yet)
 * @param appliedVersion the version {@code state} is at; equals {@code storedVersion} when nothing new applied
 * @param applied        the events applied, in version order (delivered and repaired)
 * @param duplicates     delivered events that were already applied or repeated
 * @param repaired       events read from the events table to fill gaps
 * @param failure        why folding stopped before the last delivered event, or null
 */
record FoldedSlice(StreamSlice slice, String orderId, long storedVersion, OrderState state, long appliedVersion,
                   List<Payment> payments, List<RecordedEvent> applied, int duplicates, int repaired,
                   RuntimeException failure) {

    FoldedSlice {
        payments = List.copyOf(payments);
        applied = List.copyOf(applied);
    }

    static FoldedSlice failed(StreamSlice slice, String orderId, long storedVersion, RuntimeException failure) {
        return new FoldedSlice(slice, orderId, storedVersion, null, storedVersion, List.of(), List.of(), 0, 0, failure);
    }

    boolean advanced() {
        return appliedVersion > storedVersion;
    }
}
