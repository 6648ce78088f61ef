package dev.eventline.ordering;

import java.util.Objects;

/**
 * One SKU of an order. Prices are minor units so that totals stay exact. Ranges are business rules
 * checked by {@link OrderDecider}, not here: events recorded under older limits must still load.
 */
public record OrderLine(String sku, int quantity, long unitPrice) {
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
    }
}
