package dev.eventline.ordering;

import java.time.Instant;
import java.util.Objects;

/** Repeats the order's currency so that consumers can read the amount without the order's history. */
public record PaymentCaptured(String orderId, long amount, String currency, Instant capturedAt) implements OrderEvent {
    public PaymentCaptured {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }
}
