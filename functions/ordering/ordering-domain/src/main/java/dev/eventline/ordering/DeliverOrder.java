package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record DeliverOrder(String orderId, Instant at) implements OrderCommand {
    public DeliverOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
    }
}
