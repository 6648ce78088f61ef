package dev.eventline.ordering.application;

import dev.eventline.domain.RuleViolation;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CancelOrder;
import dev.eventline.ordering.CapturePayment;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.DeliverOrder;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderRule;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.OrderStatus;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.RemoveItem;
import dev.eventline.ordering.ShipOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what in the ordering context: the one place its access rules live (the HTTP functions
 * ask, the matrix test {@code OrderAccessTest} pins every answer).
 *
 * <ul>
 *   <li>A customer owns the orders placed in their name ({@code customerId} = the caller's subject);
 *       they may read and change them, and read their own order list.</li>
 *   <li>Someone else's order is, to a customer, an order that does not exist: the same 404 with the
 *       same words, so ids cannot be probed.</li>
 *   <li>Staff (scope {@value #STAFF_SCOPE}) ship and deliver, read any customer's orders and lists,
 *       see the audit trail with its actor and trace metadata, and may place an order in a named
 *       customer's name (a call centre). Shipping and delivering are refused to anyone else with 403
 *       before anything is read, whoever owns the order (so the answer says nothing about it).</li>
 * </ul>
 *
 * @param subject the verified caller's subject (JWT {@code sub})
 * @param staff   whether the caller holds {@value #STAFF_SCOPE}
 */
public record OrderAccess(String subject, boolean staff) {
    public static final String STAFF_SCOPE = "eventline/staff";

    /** What the caller gets: on with it, the resource as missing (404), or refused for lack of a scope (403). */
    public enum Outcome {
        ALLOWED,
        NOT_FOUND,
        FORBIDDEN
    }

    public OrderAccess {
        Objects.requireNonNull(subject, "subject");
    }

    /** For in-process callers that act for the shop itself (tests, tooling), never for a request. */
    public static OrderAccess trusted() {
        return new OrderAccess("eventline", true);
    }

    /** Checked before anything is read: only the command's kind matters. */
    public Outcome command(OrderCommand command) {
        return switch (command) {
            case ShipOrder c -> staffOnly();
            case DeliverOrder c -> staffOnly();
            case PlaceOrder c -> staff || c.customerId().equals(subject) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
            case AddItem c -> Outcome.ALLOWED;
            case RemoveItem c -> Outcome.ALLOWED;
            case ConfirmOrder c -> Outcome.ALLOWED;
            case CapturePayment c -> Outcome.ALLOWED;
            case CancelOrder c -> Outcome.ALLOWED;
        };
    }

    /**
     * Checked on the order as it is, each time the command is decided (so on fresh state after a
     * conflict too). A placement is left to the decider: placing an id that is taken is a conflict
     * whoever holds it, and the decider answers it without showing the order.
     */
    public Outcome onOrder(OrderCommand command, OrderState state) {
        if (command instanceof PlaceOrder) {
            return Outcome.ALLOWED;
        }
        return readOrder(state);
    }

    /** Reading one order (current, past or its audit trail); a missing order is missing to everyone. */
    public Outcome readOrder(OrderState state) {
        if (state.status() == OrderStatus.NONE) {
            return Outcome.NOT_FOUND;
        }
        return staff || subject.equals(state.customerId()) ? Outcome.ALLOWED : Outcome.NOT_FOUND;
    }

    /** Reading a customer's order list: one's own, or anyone's for staff; anyone else's looks missing. */
    public Outcome readCustomer(String customerId) {
        return staff || subject.equals(customerId) ? Outcome.ALLOWED : Outcome.NOT_FOUND;
    }

    /**
     * Erasing a customer's personal data: the customer themselves or staff. Refused (not "missing"):
     * the answer depends only on who asks for which id, so it tells nothing about who is a customer.
     */
    public Outcome erasePersonalData(String customerId) {
        return staff || subject.equals(customerId) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    /** Whether the audit trail shows who acted and the trace and correlation ids (staff only). */
    public boolean seesAuditMetadata() {
        return staff;
    }

    /**
     * The customer a new order is placed for: the caller, unless staff name another. A customer
     * naming someone else is refused by {@link #command} (403), never silently placed for them.
     */
    public String customerOfNewOrder(Optional<String> named) {
        return named.orElse(subject);
    }

    /**
     * The decide-time check as the executor needs it: a refusal that looks exactly like the
     * decider's own for an order that does not exist (same rule code, same words).
     */
    void requireOnOrder(OrderCommand command, OrderState state) {
        if (onOrder(command, state) != Outcome.ALLOWED) {
            throw new RuleViolation(OrderRule.ORDER_NOT_FOUND, "order " + command.orderId() + " does not exist");
        }
    }

    private Outcome staffOnly() {
        return staff ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }
}
