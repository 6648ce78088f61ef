package dev.eventline.ordering.readmodel;

import static dev.eventline.ordering.readmodel.Attributes.instant;
import static dev.eventline.ordering.readmodel.Attributes.number;
import static dev.eventline.ordering.readmodel.Attributes.putInstant;
import static dev.eventline.ordering.readmodel.Attributes.putNumber;
import static dev.eventline.ordering.readmodel.Attributes.putText;
import static dev.eventline.ordering.readmodel.Attributes.requireText;
import static dev.eventline.ordering.readmodel.Attributes.text;

import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.OrderStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order-summary item (table {@code ORDER_SUMMARY_TABLE}, key {@code orderId}): every field of
 * {@link OrderState} plus {@code total}, {@code version} and {@code projectedAt}. Absent optional
 * fields are left out; {@code lines} is a list of maps.
 *
 * <p>Mapped by hand on the low-level client rather than with an enhanced-client schema: the item
 * nests a list of maps (a custom converter either way), the projector needs the raw condition
 * expression and {@code TransactWriteItems} with {@code ADD}, and hand mapping costs no reflection on
 * a cold start either. The attribute names are the contract between projector and query API.
 */
public final class OrderSummaryItem {
    public static final String ORDER_ID = "orderId";
    public static final String VERSION = "version";

    private OrderSummaryItem() {}

    public static Map<String, AttributeValue> key(String orderId) {
        return Map.of(ORDER_ID, AttributeValue.fromS(orderId));
    }

    public static Map<String, AttributeValue> toItem(ProjectedOrder order) {
        OrderState s = order.state();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ORDER_ID, AttributeValue.fromS(s.orderId()));
        item.put("status", AttributeValue.fromS(s.status().name()));
        putText(item, "customerId", s.customerId());
        putText(item, "currency", s.currency());
        List<AttributeValue> lines = new ArrayList<>(s.lines().size());
        for (OrderLine line : s.lines()) {
            lines.add(AttributeValue.fromM(Map.of(
                    "sku", AttributeValue.fromS(line.sku()),
                    "quantity", AttributeValue.fromN(Integer.toString(line.quantity())),
                    "unitPrice", AttributeValue.fromN(Long.toString(line.unitPrice())))));
        }
        item.put("lines", AttributeValue.fromL(lines));
        putNumber(item, "total", s.total());
        putNumber(item, "amountPaid", s.amountPaid());
        putText(item, "carrier", s.carrier());
        putText(item, "trackingNumber", s.trackingNumber());
        putText(item, "cancellationReason", s.cancellationReason());
        putText(item, "customer", s.customer()); // sealed: the read model never holds the contact in clear
        putInstant(item, "placedAt", s.placedAt());
        putInstant(item, "updatedAt", s.updatedAt());
        putNumber(item, VERSION, order.version());
        putInstant(item, "projectedAt", order.projectedAt());
        return item;
    }

    /** @throws IllegalArgumentException when the item is not an order summary */
    public static ProjectedOrder fromItem(Map<String, AttributeValue> item) {
        List<OrderLine> lines = new ArrayList<>();
        AttributeValue stored = item.get("lines");
        if (stored != null && stored.hasL()) {
            for (AttributeValue line : stored.l()) {
                Map<String, AttributeValue> m = line.m();
                lines.add(new OrderLine(
                        requireText(m, "sku"), Math.toIntExact(number(m, "quantity")), number(m, "unitPrice")));
            }
        }
        OrderState state = new OrderState(
                OrderStatus.valueOf(requireText(item, "status")),
                requireText(item, ORDER_ID),
                text(item, "customerId"),
                text(item, "currency"),
                lines,
                number(item, "amountPaid"),
                text(item, "carrier"),
                text(item, "trackingNumber"),
                text(item, "cancellationReason"),
                instant(item, "placedAt"),
                instant(item, "updatedAt"),
                text(item, "customer"));
        return new ProjectedOrder(state, number(item, VERSION), instant(item, "projectedAt"));
    }
}
