package dev.eventline.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The order as folded from its events; nothing here is stored, so it may change shape freely.
 * {@code customer} is the sealed contact of {@link OrderPlaced}, never plaintext.
 */
public record OrderState(
        OrderStatus status,
        String orderId,
        String customerId,
        String currency,
        List<OrderLine> lines,
        long amountPaid,
        String carrier,
        String trackingNumber,
        String cancellationReason,
        Instant placedAt,
        Instant updatedAt,
        String customer) {

    private static final OrderState INITIAL =
            new OrderState(OrderStatus.NONE, null, null, null, List.of(), 0, null, null, null, null, null, null);

    /** An order without contact details. */
    public OrderState(
            OrderStatus status,
            String orderId,
            String customerId,
            String currency,
            List<OrderLine> lines,
            long amountPaid,
            String carrier,
            String trackingNumber,
            String cancellationReason,
            Instant placedAt,
            Instant updatedAt) {
        this(
                status,
                orderId,
                customerId,
                currency,
                lines,
                amountPaid,
                carrier,
                trackingNumber,
                cancellationReason,
                placedAt,
                updatedAt,
                null);
    }

    public OrderState {
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
    }

    public static OrderState initial() {
        return INITIAL;
    }

    /** @throws ArithmeticException on overflow, which the decider's limits make unreachable */
    public long total() {
        return OrderLines.total(lines);
    }

    public Optional<OrderLine> line(String sku) {
        return lines.stream().filter(line -> line.sku().equals(sku)).findFirst();
    }

    // Withers for evolve; package-private so that only events can move an order.

    OrderState withStatus(OrderStatus newStatus, Instant at) {
        return new OrderState(
                newStatus,
                orderId,
                customerId,
                currency,
                lines,
                amountPaid,
                carrier,
                trackingNumber,
                cancellationReason,
                placedAt,
                at,
                customer);
    }

    OrderState withLines(List<OrderLine> newLines, Instant at) {
        return new OrderState(
                status,
                orderId,
                customerId,
                currency,
                newLines,
                amountPaid,
                carrier,
                trackingNumber,
                cancellationReason,
                placedAt,
                at,
                customer);
    }

    OrderState withPayment(long amount, Instant at) {
        return new OrderState(
                OrderStatus.PAID,
                orderId,
                customerId,
                currency,
                lines,
                Math.addExact(amountPaid, amount),
                carrier,
                trackingNumber,
                cancellationReason,
                placedAt,
                at,
                customer);
    }

    OrderState withShipment(String newCarrier, String newTrackingNumber, Instant at) {
        return new OrderState(
                OrderStatus.SHIPPED,
                orderId,
                customerId,
                currency,
                lines,
                amountPaid,
                newCarrier,
                newTrackingNumber,
                cancellationReason,
                placedAt,
                at,
                customer);
    }

    OrderState withCancellation(String reason, Instant at) {
        return new OrderState(
                OrderStatus.CANCELLED,
                orderId,
                customerId,
                currency,
                lines,
                amountPaid,
                carrier,
                trackingNumber,
                reason,
                placedAt,
                at,
                customer);
    }
}
