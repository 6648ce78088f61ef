package dev.eventline.ordering.commandapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Requests that walk the whole command path once: routing, body parsing, every command, the
 * decider, the event codec, response rendering and the problem paths. Run before a SnapStart
 * snapshot against an in-memory event store, so the snapshot holds loaded and JIT-warmed classes
 * without any connection or state that would be stale after restore; DynamoDB is left out on
 * purpose (a restored container opens its own connections).
 */
final class Priming {
    static final String ORDER_ID = "priming-order";

    private Priming() {}

    /** @return the status of each priming request, in order (what a test checks) */
    static List<Integer> run(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api) {
        String order = "/orders/" + ORDER_ID;
        Map<String, String> id = Map.of("orderId", ORDER_ID);
        List<APIGatewayV2HTTPEvent> requests = List.of(
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
        return requests.stream()
                .map(api)
                .map(APIGatewayV2HTTPResponse::getStatusCode)
                .toList();
    }

    private static APIGatewayV2HTTPEvent event(
            String routeKey, String path, Map<String, String> pathParameters, String body) {
        return event(routeKey.substring(0, routeKey.indexOf(' ')), routeKey, path, pathParameters, body);
    }

    /** As API Gateway hands it over: the route key it selected and the path parameters it filled. */
    private static APIGatewayV2HTTPEvent event(
            String method, String routeKey, String path, Map<String, String> pathParameters, String body) {
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        RequestContext context = new RequestContext();
        context.setHttp(http);
        context.setRequestId("priming");
        context.setStage("$default");
        context.setRouteKey(routeKey);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"));
        event.setBody(body);
        return event;
    }
}
