package dev.eventline.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Runs in a fresh JVM with only the command function's deployment jar on the class path: constructs
 * the handler as Lambda would (no-argument constructor, configuration from the environment) and
 * serves one request. Prints the time from JVM start to the first response.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    public static void main(String[] args) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("POST /orders");
        event.setRawPath("/orders");
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody(
                "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}");
        event.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("cold-start-probe")
                .withRouteKey("POST /orders")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("POST")
                        .withPath("/orders")
                        .build())
                .build());
        var handler = new dev.eventline.ordering.commandapi.CommandApiHandler();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long elapsed = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (response.getStatusCode() != 201) {
            System.out.println("unexpected status " + response.getStatusCode() + ": " + response.getBody());
            System.exit(1);
        }
        System.out.println("first-response-ms=" + elapsed);
    }
}
