package dev.eventline.ordering;

import dev.eventline.domain.RuleViolation;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The size and money limits of an order. They bound every total far below {@code Long.MAX_VALUE}
 * and keep one order's state small enough for a single event-store item and snapshot.
 */
public final class OrderLimits {
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 1_000;
    public static final long MIN_UNIT_PRICE = 0;
    public static final long MAX_UNIT_PRICE = 100_000_000L;
    public static final int MAX_LINES = 100;
    public static final long MAX_TOTAL = 1_000_000_000_000L;

    // The pattern is the wire format, independent of the JDK's currency table; getInstance then checks the
    // code is actually assigned, so a well-formed "ZZZ" is refused too.
    private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

    private OrderLimits() {}

    static void requireCurrency(String currency) {
        if (!ISO_CODE.matcher(currency).matches() || !isKnownCurrency(currency)) {
            throw new RuleViolation(OrderRule.INVALID_CURRENCY, "'" + currency + "' is not an ISO 4217 currency code");
        }
    }

    private static boolean isKnownCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** Adds one item to {@code lines} under every per-line rule; the total is checked by the caller. */
    static List<OrderLine> withItem(List<OrderLine> lines, OrderLine item) {
        requireQuantity(item.sku(), item.quantity());
        if (item.unitPrice() < MIN_UNIT_PRICE || item.unitPrice() > MAX_UNIT_PRICE) {
            throw new RuleViolation(
                    OrderRule.INVALID_UNIT_PRICE,
                    "unit price of " + item.sku() + " is " + item.unitPrice() + ", expected " + MIN_UNIT_PRICE + ".."
                            + MAX_UNIT_PRICE + " minor units");
        }
        OrderLine existing = lines.stream()
                .filter(line -> line.sku().equals(item.sku()))
                .findFirst()
                .orElse(null);
        if (existing == null) {
            if (lines.size() >= MAX_LINES) {
                throw new RuleViolation(OrderRule.TOO_MANY_LINES, "an order holds at most " + MAX_LINES + " lines");
            }
        } else {
            // One price per SKU keeps a line's subtotal meaningful; a new price is a new decision, not a merge.
            if (existing.unitPrice() != item.unitPrice()) {
                throw new RuleViolation(
                        OrderRule.UNIT_PRICE_MISMATCH,
                        item.sku() + " is priced " + existing.unitPrice() + " in this order, not " + item.unitPrice());
            }
            requireQuantity(item.sku(), existing.quantity() + item.quantity()); // both <= 1000: no overflow
        }
        return OrderLines.merge(lines, item);
    }

    static void requireTotal(List<OrderLine> lines) {
        long total;
        try {
            total = OrderLines.total(lines);
        } catch (ArithmeticException overflow) {
            throw new RuleViolation(OrderRule.ORDER_TOTAL_TOO_LARGE, "order total overflows");
        }
        if (total > MAX_TOTAL) {
            throw new RuleViolation(
                    OrderRule.ORDER_TOTAL_TOO_LARGE, "order total " + total + " exceeds " + MAX_TOTAL + " minor units");
        }
    }

    private static void requireQuantity(String sku, int quantity) {
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new RuleViolation(
                    OrderRule.QUANTITY_OUT_OF_RANGE,
                    "quantity of " + sku + " would be " + quantity + ", expected " + MIN_QUANTITY + ".."
                            + MAX_QUANTITY);
        }
    }
}
