package dev.eventline.ordering.commandapi;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.PrimingRequests;
import dev.eventline.lambda.observability.StructuredLogger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Requests that walk the whole command path once: routing, body parsing, every command, the
 * decider, the event codec, response rendering and the problem paths. Run before a SnapStart
 * snapshot against an in-memory event store, so the snapshot holds loaded and JIT-warmed classes
 * without any state that would be stale after restore. The in-memory store leaves the SDK path
 * cold (HTTP client, credentials, signing, endpoint rules, JSON protocol: about a thousand classes
 * on the first command), so {@link #throughDynamoDb} also sends a command's requests through the
 * real client, none of which can change a table.
 */
final class Priming {
    static final String ORDER_ID = "priming-order";

    private Priming() {}

    /** @return the status of each priming request, in order (what a test checks) */
    static List<Integer> run(Function<HttpApiEvent, HttpApiResponse> api) {
        String order = "/orders/" + ORDER_ID;
        Map<String, String> id = Map.of("orderId", ORDER_ID);
        List<HttpApiEvent> requests = List.of(
                event(
                        "POST /orders",
                        "/orders",
                        Map.of(),
                        "{\"orderId\":\"" + ORDER_ID + "\",\"customerId\":\"priming\","
                                + "\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":100}]}"),
                event(
                        "POST /orders/{orderId}/items",
                        order + "/items",
                        id,
                        "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":50}"),
                event(
                        "DELETE /orders/{orderId}/items/{sku}",
                        order + "/items/SKU-2",
                        Map.of("orderId", ORDER_ID, "sku", "SKU-2"),
                        null),
                event("POST /orders/{orderId}/confirm", order + "/confirm", id, null),
                event("POST /orders/{orderId}/pay", order + "/pay", id, "{\"amount\":100}"),
                event(
                        "POST /orders/{orderId}/ship",
                        order + "/ship",
                        id,
                        "{\"carrier\":\"DHL\",\"trackingNumber\":\"T-1\"}"),
                event("POST /orders/{orderId}/deliver", order + "/deliver", id, null),
                event(
                        "POST /orders/{orderId}/cancel",
                        order + "/cancel",
                        id,
                        "{\"reason\":\"too late\"}"), // 422 rule violation
                event(
                        "POST /orders/{orderId}/confirm",
                        "/orders/unknown-order/confirm",
                        Map.of("orderId", "unknown-order"),
                        null), // 404 rule code
                event("POST /orders", "/orders", Map.of(), "{\"customerId\":"), // 400 malformed JSON
                event("GET", "ANY /orders", "/orders", Map.of(), null), // 405
                event("POST", "$default", "/nowhere", Map.of(), null)); // 404 route
        return requests.stream().map(api).map(HttpApiResponse::statusCode).toList();
    }

    /**
     * A command's requests through the real client: the reads (stream, idempotency key), and the
     * append's PutItem of {@code sample} under a condition no item meets, so it is refused and
     * nothing is written whatever the table holds. A failure leaves the snapshot valid but colder,
     * so it is logged, not fatal: the first request then loads the SDK path itself.
     */
    static void throughDynamoDb(DynamoDbEventStore store, RecordedEvent sample, StructuredLogger log) {
        try {
            store.readAfter(sample.streamId(), 0);
            store.findIdempotencyRecord(ORDER_ID);
            if (!store.primeAppend(sample)) {
                log.warn("priming: a PutItem under an impossible condition was accepted (emulator?)");
            }
        } catch (SdkException unreachable) {
            log.warn("priming could not reach DynamoDB; the first request loads the SDK path", unreachable);
        }
    }

    private static HttpApiEvent event(String routeKey, String path, Map<String, String> pathParameters, String body) {
        return PrimingRequests.event(routeKey, path, pathParameters, Map.of(), body);
    }

    private static HttpApiEvent event(
            String method, String routeKey, String path, Map<String, String> pathParameters, String body) {
        return PrimingRequests.event(method, routeKey, path, pathParameters, Map.of(), body);
    }
}
