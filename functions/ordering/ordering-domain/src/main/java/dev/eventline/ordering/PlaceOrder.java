package dev.eventline.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Creates the order. Items with the same SKU and price are merged; see {@link OrderDecider}. */
public record PlaceOrder(String orderId, String customerId, String currency, List<OrderLine> items, Instant at)
        implements OrderCommand {
    public PlaceOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        items = List.copyOf(items);
        Objects.requireNonNull(at, "at");
    }
}
