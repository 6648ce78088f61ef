package dev.eventline.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Runs in a fresh JVM with only one HTTP function's deployment jar on the class path: constructs
 * the handler as Lambda would (no-argument constructor, configuration from the environment) and
 * serves one request. Prints the time from JVM start to the first response.
 *
 * <p>Argument: {@code command} (default: place an order, 201) or {@code query} (read an order no
 * one placed: the projection and the events are both read, 404). The handler is named, not
 * imported, so the probe runs against either jar.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        boolean query = args.length > 0 && args[0].equals("query");
        HttpApiEvent event = query
                ? event(
                        "GET",
                        "GET /orders/{orderId}",
                        "/orders/cold-start-probe",
                        Map.of("orderId", "cold-start-probe"),
                        null)
                : event(
                        "POST",
                        "POST /orders",
                        "/orders",
                        null,
                        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}");
        String handlerClass = query
                ? "dev.eventline.ordering.queryapi.QueryApiHandler"
                : "dev.eventline.ordering.commandapi.CommandApiHandler";
        @SuppressWarnings("unchecked")
        var handler = (RequestHandler<HttpApiEvent, HttpApiResponse>)
                Class.forName(handlerClass).getConstructor().newInstance();
        HttpApiResponse response = handler.handleRequest(event, null);
        long elapsed = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        int expected = query ? 404 : 201;
        if (response.statusCode() != expected) {
            System.out.println("unexpected status " + response.statusCode() + ": " + response.body());
            System.exit(1);
        }
        System.out.println("first-response-ms=" + elapsed);
    }

    private static HttpApiEvent event(
            String method, String routeKey, String path, Map<String, String> pathParameters, String body) {
        HttpApiEvent.RequestContext context = new HttpApiEvent.RequestContext(
                null,
                null,
                null,
                null,
                "cold-start-probe",
                routeKey,
                null,
                null,
                0,
                new HttpApiEvent.Http(method, path, null, null, null),
                // the caller as API Gateway's JWT authorizer passes it: every route needs a principal
                HttpApiEvent.Authorizer.ofJwt(Map.of("sub", "c-1"), List.of()));
        return new HttpApiEvent(
                "2.0",
                routeKey,
                path,
                null,
                null,
                body == null ? Map.of() : Map.of("content-type", "application/json"),
                null,
                pathParameters,
                context,
                body,
                false);
    }
}
