package dev.eventline.ordering.projector;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.UnfoldableEventException;
import dev.eventline.eventstore.UpTo;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.streams.StreamWork;
import dev.eventline.streams.UnprocessableEventException;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds one order's new events (in version order, gaps already repaired by the runtime) onto its
 * stored state, in memory, collecting the payments captured on the way. Folding stops at the first
 * event that cannot be decoded or that the decider refuses; everything before it still counts.
 */
final class SliceFolder {
    private final StreamFold<OrderEvent, OrderState> fold;

    SliceFolder(EventCodec<OrderEvent> codec) {
        this.fold = new StreamFold<>(codec, OrderDecider.INSTANCE);
    }

    FoldedSlice fold(StreamWork<OrderState> work, String orderId) {
        List<Payment> payments = new ArrayList<>();
        StreamFold.Outcome<OrderState> outcome = fold.foldUntilFailure(
                Folded.at(
                        work.streamId(),
                        work.checkpoint().state(),
                        work.checkpoint().version()),
                work.events(),
                UpTo.end(),
                (event, decoded) -> {
                    if (decoded instanceof PaymentCaptured paid) {
                        payments.add(new Payment(
                                work.streamId(), orderId, paid.amount(), paid.currency(), paid.capturedAt()));
                    }
                });
        Folded<OrderState> folded = outcome.folded();
        List<RecordedEvent> applied = work.events().subList(0, folded.eventsFolded());
        return new FoldedSlice(
                work,
                orderId,
                folded.state(),
                folded.version(),
                payments,
                applied,
                outcome.failure().map(SliceFolder::poison).orElse(null));
    }

    /** Parked under the event's position, with the decoder's or evolve's own error as the reason. */
    private static UnprocessableEventException poison(UnfoldableEventException unfoldable) {
        Throwable reason = unfoldable.getCause() == null ? unfoldable : unfoldable.getCause();
        RecordedEvent event = unfoldable.event();
        return new UnprocessableEventException(event.streamId(), event.version(), event.eventId(), reason);
    }
}
