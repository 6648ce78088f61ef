package dev.eventline.ordering.projector;

import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CancelOrder;
import dev.eventline.ordering.CapturePayment;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.DeliverOrder;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.RemoveItem;
import dev.eventline.ordering.ShipOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid event histories, made by the decider from commands (never written by hand), so tests only
 * ever project events the domain can actually produce. Each command happens one minute after the last.
 */
final class OrderStory {
    private final String orderId;
    private OrderState state = OrderDecider.INSTANCE.initial();
    private Instant clock;
    private final List<OrderEvent> events = new ArrayList<>();

    private OrderStory(String orderId, Instant start) {
        this.orderId = orderId;
        this.clock = start;
    }

    static OrderStory of(String orderId, Instant start) {
        return new OrderStory(orderId, start);
    }

    OrderStory place(String customerId, String currency, OrderLine... lines) {
        return decide(new PlaceOrder(orderId, customerId, currency, List.of(lines), next()));
    }

    OrderStory add(String sku, int quantity, long unitPrice) {
        return decide(new AddItem(orderId, sku, quantity, unitPrice, next()));
    }

    OrderStory remove(String sku) {
        return decide(new RemoveItem(orderId, sku, next()));
    }

    OrderStory confirm() {
        return decide(new ConfirmOrder(orderId, next()));
    }

    OrderStory pay() {
        return decide(new CapturePayment(orderId, state.total(), next()));
    }

    OrderStory ship() {
        return decide(new ShipOrder(orderId, "DHL", "JD-" + orderId, next()));
    }

    OrderStory deliver() {
        return decide(new DeliverOrder(orderId, next()));
    }

    OrderStory cancel() {
        return decide(new CancelOrder(orderId, "changed mind", next()));
    }

    /** Applies the command when the domain accepts it; a refused command leaves the story unchanged. */
    OrderStory tryDecide(OrderCommand command) {
        try {
            return decide(command);
        } catch (RuntimeException refused) {
            return this;
        }
    }

    OrderStory decide(OrderCommand command) {
        List<OrderEvent> decided = OrderDecider.INSTANCE.decide(command, state);
        for (OrderEvent event : decided) {
            state = OrderDecider.INSTANCE.evolve(state, event);
        }
        events.addAll(decided);
        return this;
    }

    Instant next() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    String orderId() {
        return orderId;
    }

    OrderState state() {
        return state;
    }

    List<OrderEvent> events() {
        return List.copyOf(events);
    }
}
