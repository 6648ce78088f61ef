package dev.eventline.shipping;

import java.time.Instant;

/**
 * What a shipping notification needs from an {@code OrderShipped} integration event.
 *
 * @param causationId the command that shipped the order (tracing only)
 * @param traceparent the W3C trace context of the publication (CloudEvents distributed tracing), which the
 *     notification's span links to; null when the event carries none
 */
public record ShippedOrder(
        String eventId,
        String orderId,
        String carrier,
        String trackingNumber,
        String correlationId,
        Instant shippedAt,
        String causationId,
        String traceparent) {}
