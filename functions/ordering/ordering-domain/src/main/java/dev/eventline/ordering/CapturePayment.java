package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

/** Carries no currency on purpose: an order is paid in its own currency only. */
public record CapturePayment(String orderId, long amount, Instant at) implements OrderCommand {
    public CapturePayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
    }
}
