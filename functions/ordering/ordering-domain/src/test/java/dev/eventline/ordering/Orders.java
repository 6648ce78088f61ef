package dev.eventline.ordering;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** Shared test vocabulary: one order, a fixed clock, and the events of its happy path. */
final class Orders {
    static final String ORDER = "order-1";
    static final String CUSTOMER = "customer-1";
    static final String EUR = "EUR";
    static final String CARRIER = "DHL";
    static final String TRACKING = "JD0001";

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Instant T2 = T0.plusSeconds(120);
    static final Instant T3 = T0.plusSeconds(180);
    static final Instant T4 = T0.plusSeconds(240);
    static final Instant T5 = T0.plusSeconds(300);

    static final OrderLine WIDGETS = new OrderLine("WIDGET", 2, 1_500);
    static final OrderLine GADGET = new OrderLine("GADGET", 1, 2_500);
    /** 2 x 1500 + 1 x 2500. */
    static final long TOTAL = 5_500;

    private Orders() {}

    static OrderLine line(String sku, int quantity, long unitPrice) {
        return new OrderLine(sku, quantity, unitPrice);
    }

    /** {@code count} distinct SKUs of quantity 1 at price 1. */
    static List<OrderLine> distinctLines(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> line("SKU-" + i, 1, 1))
                .toList();
    }

    // commands

    static PlaceOrder place(OrderLine... items) {
        return new PlaceOrder(ORDER, CUSTOMER, EUR, List.of(items), T0);
    }

    static PlaceOrder place(List<OrderLine> items) {
        return new PlaceOrder(ORDER, CUSTOMER, EUR, items, T0);
    }

    static AddItem add(String sku, int quantity, long unitPrice) {
        return new AddItem(ORDER, sku, quantity, unitPrice, T1);
    }

    static RemoveItem remove(String sku) {
        return new RemoveItem(ORDER, sku, T1);
    }

    static ConfirmOrder confirm() {
        return new ConfirmOrder(ORDER, T2);
    }

    static CapturePayment capture(long amount) {
        return new CapturePayment(ORDER, amount, T3);
    }

    static ShipOrder ship() {
        return ship(CARRIER, TRACKING);
    }

    static ShipOrder ship(String carrier, String tracking) {
        return new ShipOrder(ORDER, carrier, tracking, T4);
    }

    static DeliverOrder deliver() {
        return new DeliverOrder(ORDER, T5);
    }

    static CancelOrder cancel() {
        return new CancelOrder(ORDER, "customer changed mind", T5);
    }

    // events

    static OrderPlaced placed(OrderLine... lines) {
        return new OrderPlaced(ORDER, CUSTOMER, EUR, List.of(lines), T0);
    }

    static OrderPlaced placedWithWidgetsAndGadget() {
        return placed(WIDGETS, GADGET);
    }

    static OrderConfirmed confirmed() {
        return new OrderConfirmed(ORDER, TOTAL, T2);
    }

    static PaymentCaptured paid() {
        return new PaymentCaptured(ORDER, TOTAL, EUR, T3);
    }

    static OrderShipped shipped() {
        return new OrderShipped(ORDER, CARRIER, TRACKING, T4);
    }

    static OrderDelivered delivered() {
        return new OrderDelivered(ORDER, T5);
    }

    static OrderCancelled cancelled() {
        return new OrderCancelled(ORDER, "customer changed mind", T5);
    }

    // histories, one per status after PLACED

    static OrderEvent[] placedHistory() {
        return new OrderEvent[] {placedWithWidgetsAndGadget()};
    }

    static OrderEvent[] confirmedHistory() {
        return new OrderEvent[] {placedWithWidgetsAndGadget(), confirmed()};
    }

    static OrderEvent[] paidHistory() {
        return new OrderEvent[] {placedWithWidgetsAndGadget(), confirmed(), paid()};
    }

    static OrderEvent[] shippedHistory() {
        return new OrderEvent[] {placedWithWidgetsAndGadget(), confirmed(), paid(), shipped()};
    }

    static OrderEvent[] deliveredHistory() {
        return new OrderEvent[] {placedWithWidgetsAndGadget(), confirmed(), paid(), shipped(), delivered()};
    }

    static OrderEvent[] cancelledHistory() {
        return new OrderEvent[] {placedWithWidgetsAndGadget(), cancelled()};
    }
}
