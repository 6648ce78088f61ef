package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record OrderShipped(String orderId, String carrier, String trackingNumber, Instant shippedAt)
        implements OrderEvent {
    public OrderShipped {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(shippedAt, "shippedAt");
    }
}
