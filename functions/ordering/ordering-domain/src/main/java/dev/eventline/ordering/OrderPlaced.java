package dev.eventline.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code lines} are already merged by SKU, so readers never have to deduplicate. {@code customer} is
 * the customer's contact sealed under their personal-data key (or null): the domain carries it and
 * never reads it, so erasing the customer cannot change what the order decides.
 */
public record OrderPlaced(
        String orderId, String customerId, String currency, List<OrderLine> lines, Instant placedAt, String customer)
        implements OrderEvent {

    /** An order placed without contact details. */
    public OrderPlaced(String orderId, String customerId, String currency, List<OrderLine> lines, Instant placedAt) {
        this(orderId, customerId, currency, lines, placedAt, null);
    }

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        Objects.requireNonNull(placedAt, "placedAt");
    }
}
