package dev.eventline.ordering.commandapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.JsonBody;
import dev.eventline.http.PathIds;
import dev.eventline.http.PrintableText;
import dev.eventline.http.ProblemException;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CancelOrder;
import dev.eventline.ordering.CapturePayment;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.DeliverOrder;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.RemoveItem;
import dev.eventline.ordering.ShipOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Request to domain command, one method per route. Formats are checked here, at the edge, so a
 * command record never receives a null, a coerced number or an unsafe identifier (400 naming the
 * field). Business ranges (quantity 1..1000, an assigned currency, the exact payment amount) are
 * left to the decider, which answers them with rule codes (422): one rule, one place.
 */
final class OrderRequests {
    /** The path id alphabet: customer ids become key parts of read models, like order ids. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + PathIds.MAX_LENGTH + "}");

    static final int SKU_MAX_LENGTH = 64;
    static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1," + SKU_MAX_LENGTH + "}");
    /** The shape only; whether the code is assigned is the rule INVALID_CURRENCY. */
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Carrier, tracking number and reason: printable (a carrier name can never break a label or a CSV). */
    static final int TEXT_MAX_LENGTH = 200;

    static final int ADDRESS_MAX_LENGTH = 500;
    /** Deliberately loose: the address is the customer's to get right, the shape is ours. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");
    /**
     * Bounds the work one request can cause. Deliberately above the domain's 100 lines, so that
     * 101 items get the rule code TOO_MANY_LINES rather than a generic 400.
     */
    static final int MAX_ITEMS = 1_000;

    private OrderRequests() {}

    /**
     * {@code orderId} is optional: without it the server names the order; with it a client can
     * make a create idempotent on its own (placing the same order twice records it once).
     * {@code customerId} is optional too: the order is the caller's ({@code customerOf} decides).
     */
    static PlaceOrder placeOrder(
            HttpRequest request,
            Supplier<String> newOrderId,
            Function<Optional<String>, String> customerOf,
            Instant at,
            BiFunction<String, String, String> seal) {
        JsonBody body = JsonBody.parse(request)
                .rejectUnknownFields(Set.of("orderId", "customerId", "currency", "items", "customer"));
        String orderId = body.optionalText("orderId", ID, PathIds.MAX_LENGTH).orElseGet(newOrderId);
        // the caller's own id unless named; naming someone else is for staff (checked by OrderAccess)
        String customerId = customerOf.apply(body.optionalText("customerId", ID, PathIds.MAX_LENGTH));
        String currency = body.requiredText("currency", CURRENCY, 3);
        List<OrderLine> items = body.has("items")
                ? body.requiredArray("items", MAX_ITEMS).stream()
                        .map(OrderRequests::line)
                        .toList()
                : List.of();
        // sealed here, before the command exists: plaintext personal data never reaches the decider or the store
        String customer = body.optionalObject("customer")
                .map(contact -> seal.apply(customerId, contact(contact)))
                .orElse(null);
        return new PlaceOrder(orderId, customerId, currency, items, at, customer);
    }

    /**
     * The customer's contact, validated and re-serialized in a fixed shape, so that what is sealed is
     * exactly {@code {name, email, shippingAddress}} and nothing a caller slipped in.
     */
    static String contact(JsonBody contact) {
        contact.rejectUnknownFields(Set.of("name", "email", "shippingAddress"));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", text(contact, "name"));
        json.put("email", contact.requiredText("email", EMAIL, TEXT_MAX_LENGTH));
        json.put("shippingAddress", PrintableText.required(contact, "shippingAddress", ADDRESS_MAX_LENGTH));
        return json.toString();
    }

    static AddItem addItem(HttpRequest request, Instant at) {
        OrderLine line = line(JsonBody.parse(request));
        return new AddItem(orderId(request), line.sku(), line.quantity(), line.unitPrice(), at);
    }

    static RemoveItem removeItem(HttpRequest request, Instant at) {
        noBody(request);
        String sku = request.pathParam("sku");
        // the router allows 128 characters of the same alphabet; a SKU is shorter
        if (!SKU.matcher(sku).matches()) {
            throw ProblemException.invalidField(
                    "sku", "sku must be 1-" + SKU_MAX_LENGTH + " characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return new RemoveItem(orderId(request), sku, at);
    }

    static ConfirmOrder confirm(HttpRequest request, Instant at) {
        noBody(request);
        return new ConfirmOrder(orderId(request), at);
    }

    static CapturePayment pay(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("amount"));
        return new CapturePayment(orderId(request), body.requiredLong("amount", Long.MIN_VALUE, Long.MAX_VALUE), at);
    }

    static ShipOrder ship(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("carrier", "trackingNumber"));
        return new ShipOrder(orderId(request), text(body, "carrier"), text(body, "trackingNumber"), at);
    }

    static DeliverOrder deliver(HttpRequest request, Instant at) {
        noBody(request);
        return new DeliverOrder(orderId(request), at);
    }

    static CancelOrder cancel(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("reason"));
        return new CancelOrder(orderId(request), text(body, "reason"), at);
    }

    /** Already validated by the router against the path id alphabet. */
    static String orderId(HttpRequest request) {
        return request.pathParam("orderId");
    }

    /**
     * One item of {@code POST /orders} or the body of {@code POST /orders/{orderId}/items}. Integers
     * only need to fit the command's types here; their ranges are rules of the decider.
     */
    private static OrderLine line(JsonBody item) {
        item.rejectUnknownFields(Set.of("sku", "quantity", "unitPrice"));
        return new OrderLine(
                item.requiredText("sku", SKU, SKU_MAX_LENGTH),
                item.requiredInt("quantity", Integer.MIN_VALUE, Integer.MAX_VALUE),
                item.requiredLong("unitPrice", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static String text(JsonBody body, String field) {
        return PrintableText.required(body, field, TEXT_MAX_LENGTH);
    }

    /** Commands without parameters accept no body or {@code {}}: anything else is a client mistake worth telling. */
    private static void noBody(HttpRequest request) {
        JsonBody.emptyOrObject(request).rejectUnknownFields(Set.of());
    }
}
