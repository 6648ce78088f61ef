package dev.eventline.ordering.readmodel;

import static dev.eventline.ordering.readmodel.Attributes.instant;
import static dev.eventline.ordering.readmodel.Attributes.number;
import static dev.eventline.ordering.readmodel.Attributes.putInstant;
import static dev.eventline.ordering.readmodel.Attributes.putNumber;
import static dev.eventline.ordering.readmodel.Attributes.putText;
import static dev.eventline.ordering.readmodel.Attributes.requireText;
import static dev.eventline.ordering.readmodel.Attributes.text;

import dev.eventline.ordering.OrderState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The orders-by-customer item (table {@code ORDERS_BY_CUSTOMER_TABLE}): partition {@code customerId},
 * sort key {@code sortKey} = placedAt ({@link SortableInstant}) + {@code #} + orderId, so a customer's
 * orders come back in placement order (newest first with {@code ScanIndexForward=false}) and two
 * orders placed at the same instant stay distinct. Placement never changes, so each order has one item.
 */
public record CustomerOrderItem(
        String customerId,
        String sortKey,
        String orderId,
        String status,
        long total,
        String currency,
        Instant placedAt,
        Instant updatedAt,
        long version) {
    public static final String CUSTOMER_ID = "customerId";
    public static final String SORT_KEY = "sortKey";
    public static final String VERSION = "version";

    /** Empty while the order has not been placed (no customer, no placement time yet). */
    public static Optional<CustomerOrderItem> of(OrderState state, long version) {
        if (state.customerId() == null || state.placedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(new CustomerOrderItem(
                state.customerId(),
                sortKey(state.placedAt(), state.orderId()),
                state.orderId(),
                state.status().name(),
                state.total(),
                state.currency(),
                state.placedAt(),
                state.updatedAt(),
                version));
    }

    public static String sortKey(Instant placedAt, String orderId) {
        return SortableInstant.format(placedAt) + "#" + orderId;
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CUSTOMER_ID, AttributeValue.fromS(customerId));
        item.put(SORT_KEY, AttributeValue.fromS(sortKey));
        item.put("orderId", AttributeValue.fromS(orderId));
        item.put("status", AttributeValue.fromS(status));
        putNumber(item, "total", total);
        putText(item, "currency", currency);
        putInstant(item, "placedAt", placedAt);
        putInstant(item, "updatedAt", updatedAt);
        putNumber(item, VERSION, version);
        return item;
    }

    public static CustomerOrderItem fromItem(Map<String, AttributeValue> item) {
        return new CustomerOrderItem(
                requireText(item, CUSTOMER_ID),
                requireText(item, SORT_KEY),
                requireText(item, "orderId"),
                requireText(item, "status"),
                number(item, "total"),
                text(item, "currency"),
                instant(item, "placedAt"),
                instant(item, "updatedAt"),
                number(item, VERSION));
    }
}
