package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record CancelOrder(String orderId, String reason, Instant at) implements OrderCommand {
    public CancelOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
