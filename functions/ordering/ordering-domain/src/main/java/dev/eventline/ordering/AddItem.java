package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

/** Adds {@code quantity} of a SKU; an existing line of that SKU grows instead of being duplicated. */
public record AddItem(String orderId, String sku, int quantity, long unitPrice, Instant at) implements OrderCommand {
    public AddItem {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(at, "at");
    }
}
