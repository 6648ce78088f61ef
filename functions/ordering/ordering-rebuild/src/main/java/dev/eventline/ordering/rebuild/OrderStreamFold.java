package dev.eventline.ordering.rebuild;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.UnfoldableEventException;
import dev.eventline.eventstore.UpTo;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One order's stream, read with one consistent Query and folded with the same {@link StreamFold}
 * (codec with its upcasters, {@code OrderDecider.evolve}) the projector folds with, so a rebuilt item
 * is exactly what the projector would have written after the same events.
 */
final class OrderStreamFold {
    /**
     * @param failure the event the fold stopped at (the items then hold what came before it, as the
     *                projector's would), or empty
     */
    record Result(
            String streamId,
            Optional<ProjectedOrder> summary,
            Optional<CustomerOrderItem> byCustomer,
            int events,
            Optional<UnfoldableEventException> failure) {}

    private final EventReader events;
    private final StreamFold<OrderEvent, OrderState> fold;

    OrderStreamFold(EventReader events, EventCodec<OrderEvent> codec) {
        this.events = events;
        this.fold = new StreamFold<>(codec, OrderDecider.INSTANCE);
    }

    Result fold(String streamId, Instant projectedAt) {
        List<RecordedEvent> stream = events.readAfter(streamId, 0);
        StreamFold.Outcome<OrderState> outcome =
                fold.foldUntilFailure(fold.initial(streamId), stream, UpTo.end(), (event, decoded) -> {});
        StreamFold.Folded<OrderState> folded = outcome.folded();
        if (!folded.exists()) {
            return new Result(streamId, Optional.empty(), Optional.empty(), stream.size(), outcome.failure());
        }
        return new Result(
                streamId,
                Optional.of(new ProjectedOrder(folded.state(), folded.version(), projectedAt)),
                CustomerOrderItem.of(folded.state(), folded.version()),
                stream.size(),
                outcome.failure());
    }
}
