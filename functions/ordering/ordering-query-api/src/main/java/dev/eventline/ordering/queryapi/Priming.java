package dev.eventline.ordering.queryapi;

import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.PrimingRequests;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Queries that walk the read path once before a SnapStart snapshot: every route, with the order
 * and customer that no command creates, so the projection and the events table are read through
 * the real client (the SDK's HTTP, signing and JSON protocol path is most of what a first query
 * loads) and nothing is changed. Results are dropped; only the statuses are kept, for the test.
 */
final class Priming {
    static final String ORDER_ID = "priming-order";

    private Priming() {}

    /** @return the status of each priming request, in order */
    static List<Integer> run(Function<HttpApiEvent, HttpApiResponse> api) {
        String order = "/orders/" + ORDER_ID;
        Map<String, String> id = Map.of("orderId", ORDER_ID);
        List<HttpApiEvent> requests = List.of(
                event("GET /orders/{orderId}", order, id, Map.of()),
                event("GET /orders/{orderId}", order, id, Map.of("asOf", "1")),
                event("GET /orders/{orderId}/events", order + "/events", id, Map.of("limit", "10")),
                event(
                        "GET /customers/{customerId}/orders",
                        "/customers/priming/orders",
                        Map.of("customerId", "priming"),
                        Map.of("limit", "10")),
                event("GET /orders/{orderId}", "/orders/%20", Map.of("orderId", " "), Map.of()));
        return requests.stream().map(api).map(HttpApiResponse::statusCode).toList();
    }

    private static HttpApiEvent event(
            String routeKey, String path, Map<String, String> pathParameters, Map<String, String> query) {
        return PrimingRequests.event(routeKey, path, pathParameters, query, null);
    }
}
