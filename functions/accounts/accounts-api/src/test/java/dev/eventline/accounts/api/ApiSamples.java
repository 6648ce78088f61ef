package dev.eventline.accounts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.testsupport.Samples;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The API Gateway events under {@code events-samples/api/accounts/}. Samples that address an
 * account say {@code {{accountId}}} where its id goes; tests vary headers, bodies and methods.
 */
final class ApiSamples {
    static final String ACCOUNT_ID = "{{accountId}}";

    private ApiSamples() {}

    static APIGatewayV2HTTPEvent event(String name) {
        return ApiGatewayEvents.fromJson(Samples.text("api/accounts/" + name + ".json"));
    }

    static APIGatewayV2HTTPEvent event(String name, String accountId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/accounts/" + name + ".json").replace(ACCOUNT_ID, accountId));
    }

    static APIGatewayV2HTTPEvent withHeader(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put(name.toLowerCase(Locale.ROOT), value);
        event.setHeaders(headers);
        return event;
    }

    static APIGatewayV2HTTPEvent withoutHeader(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove(name.toLowerCase(Locale.ROOT));
        event.setHeaders(headers);
        return event;
    }

    static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent event, String body) {
        event.setBody(body);
        return event;
    }

    static APIGatewayV2HTTPEvent withMethod(APIGatewayV2HTTPEvent event, String method) {
        event.getRequestContext().getHttp().setMethod(method);
        return event;
    }

    static APIGatewayV2HTTPEvent withPath(APIGatewayV2HTTPEvent event, String path) {
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        return event;
    }

    /** Replaces the query string, as API Gateway would deliver it. */
    static APIGatewayV2HTTPEvent withQuery(APIGatewayV2HTTPEvent event, Map<String, String> query) {
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setRawQueryString(String.join(
                "&",
                query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .toList()));
        return event;
    }
}
