package dev.eventline.ordering.commandapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.testsupport.Samples;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API Gateway events under {@code events-samples/api/orders/}. Samples that address an order
 * say {@code {{orderId}}} where its id goes; tests vary headers and bodies from there.
 */
final class ApiSamples {
    static final String ORDER_ID = "{{orderId}}";

    private ApiSamples() {}

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiGatewayEvents.fromJson(Samples.text("api/orders/" + name + ".json"));
    }

    static APIGatewayV2HTTPEvent event(String name, String orderId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/orders/" + name + ".json").replace(ORDER_ID, orderId));
    }

    static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        event.setHeaders(headers);
        return event;
    }

    static APIGatewayV2HTTPEvent withoutHeader(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove(name.toLowerCase(java.util.Locale.ROOT));
        event.setHeaders(headers);
        return event;
    }

    static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        return event;
    }
}
