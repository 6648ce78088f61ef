package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

/** Removes the whole line of a SKU, whatever its quantity. */
public record RemoveItem(String orderId, String sku, Instant at) implements OrderCommand {
    public RemoveItem {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(at, "at");
    }
}
