package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

public record ShipOrder(String orderId, String carrier, String trackingNumber, Instant at) implements OrderCommand {
    public ShipOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(carrier, "carrier");
        Objects.requireNonNull(trackingNumber, "trackingNumber");
        Objects.requireNonNull(at, "at");
    }
}
