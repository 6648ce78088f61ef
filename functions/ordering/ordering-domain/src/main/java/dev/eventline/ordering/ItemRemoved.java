package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record ItemRemoved(String orderId, String sku, Instant removedAt) implements OrderEvent {
    public ItemRemoved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(removedAt, "removedAt");
    }
}
