package dev.eventline.ordering.projector;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.streams.StreamWork;
import java.util.List;

/**
 * One stream of a batch folded onto its stored summary, before anything is written.
 *
 * @param appliedVersion the version {@code state} is at; the checkpoint's when nothing new applied
 * @param applied        the events applied, in version order (delivered and repaired)
 * @param failure        the event folding stopped at, or null
 */
record FoldedSlice(
        StreamWork<OrderState> work,
        String orderId,
        OrderState state,
        long appliedVersion,
        List<Payment> payments,
        List<RecordedEvent> applied,
        RuntimeException failure) {

    FoldedSlice {
        payments = List.copyOf(payments);
        applied = List.copyOf(applied);
    }

    long storedVersion() {
        return work.checkpoint().version();
    }

    boolean advanced() {
        return appliedVersion > storedVersion();
    }
}
