package dev.eventline.ordering;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Named histories for parameterized specs, so a failure names the status it started from. */
final class Histories {
    private Histories() {}

    static Stream<Named<OrderEvent[]>> of(OrderStatus... statuses) {
        return Arrays.stream(statuses).map(status -> Named.of(status.name(), history(status)));
    }

    static OrderEvent[] history(OrderStatus status) {
        return switch (status) {
            case NONE -> new OrderEvent[0];
            case PLACED -> Orders.placedHistory();
            case CONFIRMED -> Orders.confirmedHistory();
            case PAID -> Orders.paidHistory();
            case SHIPPED -> Orders.shippedHistory();
            case DELIVERED -> Orders.deliveredHistory();
            case CANCELLED -> Orders.cancelledHistory();
        };
    }
}
