package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

/** Carries the total so that payment and projections need not recompute it from the lines. */
public record OrderConfirmed(String orderId, long total, Instant confirmedAt) implements OrderEvent {
    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
