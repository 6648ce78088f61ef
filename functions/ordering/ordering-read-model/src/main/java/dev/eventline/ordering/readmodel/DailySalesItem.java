package dev.eventline.ordering.readmodel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The daily-sales items (table {@code DAILY_SALES_TABLE}, partition {@code day} = UTC date of the
 * capture, sort key {@code sk}):
 * <ul>
 *   <li>a counter per currency, {@code sk} = currency code: {@code ordersPaid}, {@code grossAmount} (minor units);</li>
 *   <li>a marker per paid order, {@code sk} = {@code paid#<orderId>}, written with {@code attribute_not_exists}
 *       in the same transaction as the counter's {@code ADD}: a redelivered payment finds its marker and
 *       the whole transaction is refused, so nothing is counted twice.</li>
 * </ul>
 */
public final class DailySalesItem {
    public static final String DAY = "day";
    public static final String SK = "sk";
    public static final String ORDERS_PAID = "ordersPaid";
    public static final String GROSS_AMOUNT = "grossAmount";
    private static final String MARKER_PREFIX = "paid#";

    private DailySalesItem() {}

    public static String day(Instant capturedAt) {
        return LocalDate.ofInstant(capturedAt, ZoneOffset.UTC).toString();
    }

    public static Map<String, AttributeValue> counterKey(String day, String currency) {
        return Map.of(DAY, AttributeValue.fromS(day), SK, AttributeValue.fromS(currency));
    }

    public static String markerSortKey(String orderId) {
        return MARKER_PREFIX + orderId;
    }

    public static Map<String, AttributeValue> marker(
            String day, String orderId, String currency, long amount, Instant capturedAt) {
        return Map.of(
                DAY,
                AttributeValue.fromS(day),
                SK,
                AttributeValue.fromS(markerSortKey(orderId)),
                "orderId",
                AttributeValue.fromS(orderId),
                "currency",
                AttributeValue.fromS(currency),
                "amount",
                AttributeValue.fromN(Long.toString(amount)),
                "capturedAt",
                AttributeValue.fromS(capturedAt.toString()));
    }

    public static boolean isMarker(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(SK);
        return sk != null && sk.s() != null && sk.s().startsWith(MARKER_PREFIX);
    }
}
