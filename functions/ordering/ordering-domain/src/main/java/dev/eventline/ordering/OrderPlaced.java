package dev.eventline.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@code lines} are already merged by SKU, so readers never have to deduplicate. */
public record OrderPlaced(String orderId, String customerId, String currency, List<OrderLine> lines, Instant placedAt)
        implements OrderEvent {
    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
