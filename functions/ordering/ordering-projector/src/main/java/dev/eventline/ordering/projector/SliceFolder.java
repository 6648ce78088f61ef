package dev.eventline.ordering.projector;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.RecordedEvent;
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
 * stored state, in memory. Folding stops at the first event that cannot be decoded or that the
 * decider refuses; everything before it still counts.
 */
final class SliceFolder {
    private final EventCodec<OrderEvent> codec;

    SliceFolder(EventCodec<OrderEvent> codec) {
        this.codec = codec;
    }

    FoldedSlice fold(StreamWork<OrderState> work, String orderId) {
        OrderState state = work.checkpoint().state();
        long version = work.checkpoint().version();
        List<RecordedEvent> applied = new ArrayList<>();
        List<Payment> payments = new ArrayList<>();
        for (RecordedEvent event : work.events()) {
            OrderEvent decoded;
            try {
                decoded = codec.decode(event);
                state = OrderDecider.INSTANCE.evolve(state, decoded);
            } catch (RuntimeException unprocessable) {
                return new FoldedSlice(work, orderId, state, version, payments, applied,
                        new UnprocessableEventException(event.streamId(), event.version(), event.eventId(), unprocessable));
            }
            if (decoded instanceof PaymentCaptured paid) {
                payments.add(new Payment(work.streamId(), orderId, paid.amount(), paid.currency(), paid.capturedAt()));
            }
            version = event.version();
            applied.add(event);
        }
        return new FoldedSlice(work, orderId, state, version, payments, applied, null);
    }
}
