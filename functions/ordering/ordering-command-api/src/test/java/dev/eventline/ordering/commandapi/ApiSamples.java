package dev.eventline.ordering.commandapi;

import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
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

    static HttpApiEvent event(String name) {
        return ApiGatewayEvents.fromJson(Samples.text("api/orders/" + name + ".json"));
    }

    static HttpApiEvent event(String name, String orderId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/orders/" + name + ".json").replace(ORDER_ID, orderId));
    }

    static HttpApiEvent withHeader(HttpApiEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.headers() == null ? Map.of() : event.headers());
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return event.withHeaders(headers);
    }

    static HttpApiEvent withoutHeader(HttpApiEvent event, String name) {
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.remove(name.toLowerCase(java.util.Locale.ROOT));
        return event.withHeaders(headers);
    }

    static HttpApiEvent withBody(HttpApiEvent event, String body) {
        return event.withBody(body);
    }
}
