package dev.eventline.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Creates the order. Items with the same SKU and price are merged; see {@link OrderDecider}.
 * {@code customer} is the contact already sealed by the caller's adapter (or null).
 */
public record PlaceOrder(
        String orderId, String customerId, String currency, List<OrderLine> items, Instant at, String customer)
        implements OrderCommand {

    public PlaceOrder(String orderId, String customerId, String currency, List<OrderLine> items, Instant at) {
        this(orderId, customerId, currency, items, at, null);
    }

    public PlaceOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        items = List.copyOf(items);
        Objects.requireNonNull(at, "at");
    }
}
