package dev.eventline.ordering;

/**
 * A fact about an order. Events are stored forever, so a record here may gain optional components
 * but never lose or rename one; each carries its own timestamp so that replay needs no clock.
 */
public sealed interface OrderEvent
        permits OrderPlaced,
                ItemAdded,
                ItemRemoved,
                OrderConfirmed,
                PaymentCaptured,
                OrderShipped,
                OrderDelivered,
                OrderCancelled {

    String orderId();
}
