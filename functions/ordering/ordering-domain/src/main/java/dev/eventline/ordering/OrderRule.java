package dev.eventline.ordering;

import dev.eventline.domain.RuleCode;

/** Clients match on these codes, so a constant may be added but never renamed or reused. */
public enum OrderRule implements RuleCode {
    ORDER_NOT_FOUND,
    ORDER_ALREADY_EXISTS,
    INVALID_CURRENCY,
    QUANTITY_OUT_OF_RANGE,
    INVALID_UNIT_PRICE,
    UNIT_PRICE_MISMATCH,
    TOO_MANY_LINES,
    ITEM_NOT_IN_ORDER,
    ORDER_NOT_EDITABLE,
    ORDER_HAS_NO_ITEMS,
    ORDER_NOT_CONFIRMED,
    PAYMENT_AMOUNT_MISMATCH,
    ORDER_NOT_PAID,
    ORDER_NOT_SHIPPED,
    ORDER_ALREADY_SHIPPED,
    ORDER_CANCELLED,
    ORDER_TOTAL_TOO_LARGE;

    @Override
    public String code() {
        return name();
    }
}
