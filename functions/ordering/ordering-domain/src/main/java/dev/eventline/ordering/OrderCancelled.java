package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record OrderCancelled(String orderId, String reason, Instant cancelledAt) implements OrderEvent {
    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }
}
