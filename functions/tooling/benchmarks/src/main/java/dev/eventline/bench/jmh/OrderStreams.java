package dev.eventline.bench.jmh;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CapturePayment;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.ShipOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The order the projector benchmark projects, as stored events: placed, six items added, confirmed, paid,
 * shipped. Decided by the real decider, so every event is one the domain accepts.
 */
final class OrderStreams {
    static final String ORDER_ID = "ord-bench-1";
    static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    static final EventMetadata METADATA = new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "bench", T0);

    private OrderStreams() {}

    static List<OrderCommand> commands() {
        List<OrderCommand> commands = new ArrayList<>();
        commands.add(new PlaceOrder(ORDER_ID, "cust-42", "EUR", List.of(new OrderLine("BASE", 1, 1_000)), T0));
        for (int sku = 0; sku < 6; sku++) {
            commands.add(new AddItem(ORDER_ID, "SKU-" + sku, 1, 250, T0.plusSeconds(sku + 1)));
        }
        return commands;
    }

    /** The domain events of a whole realistic order, in stream order. */
    static List<OrderEvent> events() {
        OrderDecider decider = OrderDecider.INSTANCE;
        OrderState state = decider.initial();
        List<OrderEvent> events = new ArrayList<>();
        for (OrderCommand command : commands()) {
            state = apply(decider, state, command, events);
        }
        state = apply(decider, state, new ConfirmOrder(ORDER_ID, T0.plusSeconds(60)), events);
        state = apply(decider, state, new CapturePayment(ORDER_ID, state.total(), T0.plusSeconds(120)), events);
        apply(decider, state, new ShipOrder(ORDER_ID, "DHL", "JD0001", T0.plusSeconds(3_600)), events);
        return events;
    }

    /** The same events as the projector receives them: encoded, validated and numbered from version 1. */
    static List<RecordedEvent> recorded(EventCodec<OrderEvent> codec) {
        List<RecordedEvent> recorded = new ArrayList<>();
        long version = 0;
        for (OrderEvent event : events()) {
            version++;
            EncodedEvent encoded = codec.encode(event);
            recorded.add(new RecordedEvent(
                    ORDER_ID,
                    version,
                    "evt-" + version,
                    encoded.type(),
                    encoded.schemaVersion(),
                    encoded.data(),
                    METADATA,
                    T0));
        }
        return List.copyOf(recorded);
    }

    private static OrderState apply(
            OrderDecider decider, OrderState state, OrderCommand command, List<OrderEvent> events) {
        List<OrderEvent> decided = decider.decide(command, state);
        events.addAll(decided);
        return decider.fold(state, decided);
    }
}
