package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record OrderDelivered(String orderId, Instant deliveredAt) implements OrderEvent {
    public OrderDelivered {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
    }
}
