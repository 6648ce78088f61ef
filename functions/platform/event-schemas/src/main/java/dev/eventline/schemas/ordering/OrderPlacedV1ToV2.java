package dev.eventline.schemas.ordering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * OrderPlaced v1 priced lines with {@code price}, a decimal string in major units ("19.99"); v2 has
 * {@code unitPrice} in integer minor units (1999). The scale is the currency's ISO 4217 minor unit (2 for EUR,
 * 0 for JPY, 3 for KWD). A price with more decimals than the currency has is refused rather than rounded:
 * rounding would rewrite what the customer was charged.
 */
final class OrderPlacedV1ToV2 {

    private OrderPlacedV1ToV2() {}

    static ObjectNode upcast(ObjectNode v1) {
        String currency = v1.path("currency").asText();
        int fractionDigits = fractionDigits(currency);
        JsonNode lines = v1.path("lines");
        if (!lines.isArray()) {
            throw new IllegalArgumentException("OrderPlaced v1 has no lines array");
        }
        for (JsonNode node : lines) {
            if (!(node instanceof ObjectNode line) || !line.path("price").isTextual()) {
                throw new IllegalArgumentException("OrderPlaced v1 line without a price string");
            }
            String price = line.remove("price").textValue();
            line.put(
                    "unitPrice",
                    minorUnits(price, fractionDigits, currency, line.path("sku").asText()));
        }
        return v1;
    }

    private static int fractionDigits(String currency) {
        int digits;
        try {
            digits = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(
                    "OrderPlaced v1 currency '" + currency + "' is not an ISO 4217 code", unknown);
        }
        if (digits < 0) {
            // XAU, XXX...: no minor unit, so there is no integer to convert to.
            throw new IllegalArgumentException("OrderPlaced v1 currency " + currency + " has no minor unit");
        }
        return digits;
    }

    static long minorUnits(String price, int fractionDigits, String currency, String sku) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(price);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "OrderPlaced v1 price of " + sku + " is not a decimal: '" + price + "'", e);
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("OrderPlaced v1 price of " + sku + " is negative: " + price);
        }
        try {
            return amount.movePointRight(fractionDigits).longValueExact();
        } catch (ArithmeticException lossy) {
            throw new IllegalArgumentException(
                    "OrderPlaced v1 price of " + sku + " (" + price + ") does not convert " + "exactly to " + currency
                            + " minor units (" + fractionDigits + " decimals)",
                    lossy);
        }
    }
}
