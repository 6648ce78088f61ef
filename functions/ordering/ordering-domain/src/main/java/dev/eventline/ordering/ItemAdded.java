package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

/** {@code quantity} is the amount added, not the line's new quantity: the event states the change. */
public record ItemAdded(String orderId, String sku, int quantity, long unitPrice, Instant addedAt)
        implements OrderEvent {
    public ItemAdded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(addedAt, "addedAt");
    }
}
