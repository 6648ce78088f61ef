package dev.eventline.shipping;

import java.time.Instant;

/** What a shipping notification needs from an {@code OrderShipped} integration event. */
public record ShippedOrder(
        String eventId,
        String orderId,
        String carrier,
        String trackingNumber,
        String correlationId,
        Instant shippedAt) {}
