package dev.eventline.ordering.queryapi;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.eventstore.UpTo;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderCommands;
import java.time.Instant;

/**
 * An order read from its stream, the source of truth: the current state when the projection is
 * behind, a past state for time travel, and the raw events for the audit trail. Every read is
 * consistent. Orders are short streams (tens of events), so folding from the first event is cheap.
 * A folded version of 0 means no event: the order did not exist.
 */
final class OrderHistory {
    /**
     * Events one read for time travel by version asks for at most: the version comes from the
     * request, so it may name any number, and the store sizes its buffer by what it is asked for.
     */
    static final int MAX_PAGE = 1_000;

    private final EventReader store;
    private final StreamFold<OrderEvent, OrderState> fold;

    OrderHistory(EventReader store, EventCodec<OrderEvent> codec) {
        this.store = store;
        this.fold = new StreamFold<>(codec, OrderDecider.INSTANCE);
    }

    Folded<OrderState> current(String orderId) {
        String streamId = OrderCommands.streamId(orderId);
        return fold.fold(fold.initial(streamId), store.readAfter(streamId, 0));
    }

    /** The order as of event {@code version} (or as far as it goes when shorter). */
    Folded<OrderState> atVersion(String orderId, long version) {
        String streamId = OrderCommands.streamId(orderId);
        Folded<OrderState> folded = fold.initial(streamId);
        StreamPage page;
        do {
            page = store.readPage(streamId, folded.version(), (int) Math.min(version - folded.version(), MAX_PAGE));
            folded = fold.fold(folded, page.events(), UpTo.version(version));
        } while (page.hasMore() && folded.version() < version);
        return folded;
    }

    /** The order as of the last event recorded at or before {@code instant}. */
    Folded<OrderState> atInstant(String orderId, Instant instant) {
        String streamId = OrderCommands.streamId(orderId);
        return fold.fold(fold.initial(streamId), store.readAfter(streamId, 0), UpTo.recordedAtOrBefore(instant));
    }

    StreamPage page(String orderId, long afterVersion, int limit) {
        return store.readPage(OrderCommands.streamId(orderId), afterVersion, limit);
    }
}
