package dev.eventline.ordering.queryapi;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderCommands;
import java.time.Instant;
import java.util.List;

/**
 * An order read from its stream, the source of truth: the current state when the projection is
 * behind, a past state for time travel, and the raw events for the audit trail. Every read is
 * consistent. Orders are short streams (tens of events), so folding from the first event is cheap.
 */
final class OrderHistory {
    /** A folded stream; version 0 means no event (the order did not exist). */
    record Folded(OrderState state, long version) {
        boolean exists() {
            return version > 0;
        }
    }

    private final EventReader store;
    private final EventCodec<OrderEvent> codec;

    OrderHistory(EventReader store, EventCodec<OrderEvent> codec) {
        this.store = store;
        this.codec = codec;
    }

    Folded current(String orderId) {
        return fold(store.readAfter(OrderCommands.streamId(orderId), 0), Long.MAX_VALUE, Instant.MAX);
    }

    /** The order as of event {@code version} (or as far as it goes when shorter). */
    Folded atVersion(String orderId, long version) {
        int limit = (int) Math.min(version, Integer.MAX_VALUE - 1);
        return fold(store.readPage(OrderCommands.streamId(orderId), 0, limit).events(), version, Instant.MAX);
    }

    /** The order as of the last event recorded at or before {@code instant}. */
    Folded atInstant(String orderId, Instant instant) {
        return fold(store.readAfter(OrderCommands.streamId(orderId), 0), Long.MAX_VALUE, instant);
    }

    StreamPage page(String orderId, long afterVersion, int limit) {
        return store.readPage(OrderCommands.streamId(orderId), afterVersion, limit);
    }

    private Folded fold(List<RecordedEvent> events, long maxVersion, Instant recordedNoLaterThan) {
        OrderState state = OrderDecider.INSTANCE.initial();
        long version = 0;
        for (RecordedEvent event : events) {
            if (event.version() > maxVersion || event.recordedAt().isAfter(recordedNoLaterThan)) {
                break;
            }
            state = OrderDecider.INSTANCE.evolve(state, codec.decode(event));
            version = event.version();
        }
        return new Folded(state, version);
    }
}
