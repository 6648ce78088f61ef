package dev.eventline.ordering.queryapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import java.time.Clock;
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
    static List<Integer> run(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api) {
        String order = "/orders/" + ORDER_ID;
        Map<String, String> id = Map.of("orderId", ORDER_ID);
        List<APIGatewayV2HTTPEvent> requests = List.of(
                event("GET /orders/{orderId}", order, id, Map.of()),
                event("GET /orders/{orderId}", order, id, Map.of("asOf", "1")),
                event("GET /orders/{orderId}/events", order + "/events", id, Map.of("limit", "10")),
                event(
                        "GET /customers/{customerId}/orders",
                        "/customers/priming/orders",
                        Map.of("customerId", "priming"),
                        Map.of("limit", "10")),
                event("GET /orders/{orderId}", "/orders/%20", Map.of("orderId", " "), Map.of()));
        return requests.stream()
                .map(api)
                .map(APIGatewayV2HTTPResponse::getStatusCode)
                .toList();
    }

    /** As the function's own, formatting every line and metric, but into a sink that drops them. */
    static Observability observability(Clock clock) {
        return new Observability(
                StructuredLogger.create("priming", StructuredLogger.Level.INFO, line -> {}, clock),
                new EmfMetrics("priming", "priming", line -> {}, clock, true),
                Tracing.disabled());
    }

    /** As API Gateway hands it over: the route key it selected and the path parameters it filled. */
    private static APIGatewayV2HTTPEvent event(
            String routeKey, String path, Map<String, String> pathParameters, Map<String, String> query) {
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod("GET");
        http.setPath(path);
        RequestContext context = new RequestContext();
        context.setHttp(http);
        context.setRequestId("priming");
        context.setStage("$default");
        context.setRouteKey(routeKey);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setPathParameters(pathParameters);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setHeaders(Map.of());
        return event;
    }
}
