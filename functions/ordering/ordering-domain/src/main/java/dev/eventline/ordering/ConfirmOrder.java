package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record ConfirmOrder(String orderId, Instant at) implements OrderCommand {
    public ConfirmOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
    }
}
