package dev.eventline.ordering;

import static dev.eventline.ordering.OrderLimits.requireCurrency;
import static dev.eventline.ordering.OrderLimits.requireTotal;
import static dev.eventline.ordering.OrderLimits.withItem;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order aggregate. Repeating a command whose effect is already recorded returns no events
 * instead of failing, because Lambda retries and client retries deliver commands more than once.
 */
public final class OrderDecider implements Decider<OrderCommand, OrderEvent, OrderState> {

    /** Stateless, so one instance serves every invocation of a warm Lambda. */
    public static final OrderDecider INSTANCE = new OrderDecider();

    public OrderDecider() {}

    @Override
    public OrderState initial() {
        return OrderState.initial();
    }

    @Override
    public List<OrderEvent> decide(OrderCommand command, OrderState state) {
        if (state.status() != OrderStatus.NONE && !state.orderId().equals(command.orderId())) {
            // A stream mix-up is a bug in the caller; answering with a rule code would hide it.
            throw new IllegalArgumentException(
                    "command for order " + command.orderId() + " decided on the state of " + state.orderId());
        }
        return switch (command) {
            case PlaceOrder c -> place(c, state);
            case AddItem c -> addItem(c, state);
            case RemoveItem c -> removeItem(c, state);
            case ConfirmOrder c -> confirm(c, state);
            case CapturePayment c -> capturePayment(c, state);
            case ShipOrder c -> ship(c, state);
            case DeliverOrder c -> deliver(c, state);
            case CancelOrder c -> cancel(c, state);
        };
    }

    /** Duplicate SKUs at one price merge, as if added one by one; at different prices they are refused. */
    private List<OrderEvent> place(PlaceOrder c, OrderState s) {
        if (s.status() != OrderStatus.NONE) {
            // Only a retry of the very same placement is harmless; anything else would silently drop the request.
            if (isSamePlacement(c, s)) {
                return List.of();
            }
            throw new RuleViolation(OrderRule.ORDER_ALREADY_EXISTS, "order " + c.orderId() + " already exists");
        }
        requireCurrency(c.currency());
        if (c.items().size() > OrderLimits.MAX_LINES) {
            throw new RuleViolation(
                    OrderRule.TOO_MANY_LINES,
                    c.items().size() + " items, an order holds at most " + OrderLimits.MAX_LINES);
        }
        List<OrderLine> lines = List.of();
        for (OrderLine item : c.items()) {
            lines = withItem(lines, item);
        }
        requireTotal(lines);
        return List.of(new OrderPlaced(c.orderId(), c.customerId(), c.currency(), lines, c.at(), c.customer()));
    }

    private List<OrderEvent> addItem(AddItem c, OrderState s) {
        requireEditable(s, c.orderId());
        List<OrderLine> lines = withItem(s.lines(), new OrderLine(c.sku(), c.quantity(), c.unitPrice()));
        requireTotal(lines);
        return List.of(new ItemAdded(c.orderId(), c.sku(), c.quantity(), c.unitPrice(), c.at()));
    }

    private List<OrderEvent> removeItem(RemoveItem c, OrderState s) {
        requireEditable(s, c.orderId());
        if (s.line(c.sku()).isEmpty()) {
            throw new RuleViolation(OrderRule.ITEM_NOT_IN_ORDER, c.sku() + " is not in order " + c.orderId());
        }
        return List.of(new ItemRemoved(c.orderId(), c.sku(), c.at()));
    }

    private List<OrderEvent> confirm(ConfirmOrder c, OrderState s) {
        return switch (s.status()) {
            case NONE -> throw notFound(c.orderId());
            case CANCELLED -> throw cancelled(c.orderId());
            case CONFIRMED, PAID, SHIPPED, DELIVERED -> List.of();
            case PLACED -> {
                if (s.lines().isEmpty()) {
                    throw new RuleViolation(OrderRule.ORDER_HAS_NO_ITEMS, "order " + c.orderId() + " has no items");
                }
                yield List.of(new OrderConfirmed(c.orderId(), s.total(), c.at()));
            }
        };
    }

    private List<OrderEvent> capturePayment(CapturePayment c, OrderState s) {
        return switch (s.status()) {
            case NONE -> throw notFound(c.orderId());
            case CANCELLED -> throw cancelled(c.orderId());
            case PLACED ->
                throw new RuleViolation(
                        OrderRule.ORDER_NOT_CONFIRMED, "order " + c.orderId() + " must be confirmed before payment");
            case PAID, SHIPPED, DELIVERED -> {
                // Same amount: a redelivered capture. Another amount: a second, different payment.
                if (c.amount() != s.amountPaid()) {
                    throw amountMismatch(c, s.amountPaid(), "already paid");
                }
                yield List.of();
            }
            case CONFIRMED -> {
                // Exact only: partial and over-payments need refunds or dunning this domain does not model.
                if (c.amount() != s.total()) {
                    throw amountMismatch(c, s.total(), "order total is");
                }
                yield List.of(new PaymentCaptured(c.orderId(), c.amount(), s.currency(), c.at()));
            }
        };
    }

    private List<OrderEvent> ship(ShipOrder c, OrderState s) {
        return switch (s.status()) {
            case NONE -> throw notFound(c.orderId());
            case CANCELLED -> throw cancelled(c.orderId());
            case PLACED, CONFIRMED ->
                throw new RuleViolation(
                        OrderRule.ORDER_NOT_PAID, "order " + c.orderId() + " must be paid before shipping");
            case SHIPPED, DELIVERED -> {
                if (!c.carrier().equals(s.carrier()) || !c.trackingNumber().equals(s.trackingNumber())) {
                    throw new RuleViolation(
                            OrderRule.ORDER_ALREADY_SHIPPED,
                            "order " + c.orderId() + " already shipped with " + s.carrier() + " " + s.trackingNumber());
                }
                yield List.of();
            }
            case PAID -> List.of(new OrderShipped(c.orderId(), c.carrier(), c.trackingNumber(), c.at()));
        };
    }

    private List<OrderEvent> deliver(DeliverOrder c, OrderState s) {
        return switch (s.status()) {
            case NONE -> throw notFound(c.orderId());
            case CANCELLED -> throw cancelled(c.orderId());
            case PLACED, CONFIRMED, PAID ->
                throw new RuleViolation(OrderRule.ORDER_NOT_SHIPPED, "order " + c.orderId() + " has not shipped");
            case DELIVERED -> List.of();
            case SHIPPED -> List.of(new OrderDelivered(c.orderId(), c.at()));
        };
    }

    private List<OrderEvent> cancel(CancelOrder c, OrderState s) {
        return switch (s.status()) {
            case NONE -> throw notFound(c.orderId());
            case CANCELLED -> List.of();
            case SHIPPED, DELIVERED ->
                throw new RuleViolation(
                        OrderRule.ORDER_ALREADY_SHIPPED,
                        "order " + c.orderId() + " has shipped and can no longer be cancelled");
            case PLACED, CONFIRMED, PAID -> List.of(new OrderCancelled(c.orderId(), c.reason(), c.at()));
        };
    }

    @Override
    public OrderState evolve(OrderState s, OrderEvent event) {
        return switch (event) {
            case OrderPlaced e ->
                new OrderState(
                        OrderStatus.PLACED,
                        e.orderId(),
                        e.customerId(),
                        e.currency(),
                        e.lines(),
                        0,
                        null,
                        null,
                        null,
                        e.placedAt(),
                        e.placedAt(),
                        e.customer());
            case ItemAdded e ->
                s.withLines(
                        OrderLines.merge(s.lines(), new OrderLine(e.sku(), e.quantity(), e.unitPrice())), e.addedAt());
            case ItemRemoved e -> s.withLines(OrderLines.without(s.lines(), e.sku()), e.removedAt());
            case OrderConfirmed e -> s.withStatus(OrderStatus.CONFIRMED, e.confirmedAt());
            case PaymentCaptured e -> s.withPayment(e.amount(), e.capturedAt());
            case OrderShipped e -> s.withShipment(e.carrier(), e.trackingNumber(), e.shippedAt());
            case OrderDelivered e -> s.withStatus(OrderStatus.DELIVERED, e.deliveredAt());
            case OrderCancelled e -> s.withCancellation(e.reason(), e.cancelledAt());
        };
    }

    private static void requireEditable(OrderState s, String orderId) {
        switch (s.status()) {
            case NONE -> throw notFound(orderId);
            case CANCELLED -> throw cancelled(orderId);
            case CONFIRMED, PAID, SHIPPED, DELIVERED ->
                throw new RuleViolation(
                        OrderRule.ORDER_NOT_EDITABLE,
                        "order " + orderId + " is " + s.status() + "; items change only while PLACED");
            case PLACED -> {}
        }
    }

    /**
     * Compares with the current lines, so a retry that arrives after the order was edited no longer
     * matches and is refused: the client then learns its view of the order is stale.
     */
    private static boolean isSamePlacement(PlaceOrder c, OrderState s) {
        if (!c.customerId().equals(s.customerId()) || !c.currency().equals(s.currency())) {
            return false;
        }
        Map<String, Long> quantities = new HashMap<>();
        for (OrderLine item : c.items()) {
            OrderLine line = s.line(item.sku()).orElse(null);
            if (line == null || line.unitPrice() != item.unitPrice()) {
                return false;
            }
            quantities.merge(item.sku(), (long) item.quantity(), Long::sum);
        }
        return quantities.size() == s.lines().size()
                && s.lines().stream().allMatch(line -> quantities.getOrDefault(line.sku(), 0L) == line.quantity());
    }

    private static RuleViolation notFound(String orderId) {
        return new RuleViolation(OrderRule.ORDER_NOT_FOUND, "order " + orderId + " does not exist");
    }

    private static RuleViolation cancelled(String orderId) {
        return new RuleViolation(OrderRule.ORDER_CANCELLED, "order " + orderId + " is cancelled");
    }

    private static RuleViolation amountMismatch(CapturePayment c, long expected, String why) {
        return new RuleViolation(
                OrderRule.PAYMENT_AMOUNT_MISMATCH,
                "payment of " + c.amount() + " for order " + c.orderId() + ": " + why + " " + expected);
    }
}
