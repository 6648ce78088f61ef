package dev.eventline.ordering;

import java.time.Instant;

/**
 * What a client asks of an order. The time travels in the command, so a decision replays
 * identically. Missing fields fail fast with a NullPointerException: that is a caller bug, not a
 * business rule, so it gets no {@link OrderRule}.
 */
public sealed interface OrderCommand
        permits PlaceOrder, AddItem, RemoveItem, ConfirmOrder, CapturePayment, ShipOrder, DeliverOrder, CancelOrder {

    String orderId();

    Instant at();
}
