package dev.eventline.ordering.commandapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

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

    /** No item has and lacks an attribute at once: a put under this condition is always refused. */
    private static final Expression NEVER = Expression.builder()
            .expression("attribute_exists(#version) AND attribute_not_exists(#version)")
            .putExpressionName("#version", EventItem.VERSION)
            .build();

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

    /**
     * A command's requests through the real client: the reads (stream, idempotency key), and the
     * append's PutItem of {@code sample} under a condition no item meets, so it is refused and
     * nothing is written whatever the table holds. A failure leaves the snapshot valid but colder,
     * so it is logged, not fatal: the first request then loads the SDK path itself.
     */
    static void throughDynamoDb(
            EventStore store, DynamoDbClient dynamoDb, String eventsTable, RecordedEvent sample, StructuredLogger log) {
        try {
            store.readAfter(sample.streamId(), 0);
            store.findIdempotencyRecord(ORDER_ID);
            DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(dynamoDb)
                    .build()
                    .table(eventsTable, EventItem.SCHEMA)
                    .putItem(PutItemEnhancedRequest.builder(EventItem.class)
                            .item(EventItem.from(sample))
                            .conditionExpression(NEVER)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build());
            log.warn("priming: a PutItem under an impossible condition was accepted (emulator?)");
        } catch (ConditionalCheckFailedException refused) {
            // the outcome priming asks for: the write path ran and nothing was written
        } catch (SdkException unreachable) {
            log.warn("priming could not reach DynamoDB; the first request loads the SDK path", unreachable);
        }
    }

    /** As the function's own, formatting every line and metric, but into a sink that drops them. */
    static Observability observability(Clock clock) {
        return new Observability(
                StructuredLogger.create("priming", StructuredLogger.Level.INFO, line -> {}, clock),
                new EmfMetrics("priming", "priming", line -> {}, clock, true),
                Tracing.disabled());
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
