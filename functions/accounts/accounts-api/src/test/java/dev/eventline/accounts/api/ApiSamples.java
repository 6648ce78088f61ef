package dev.eventline.accounts.api;

import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
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

    static HttpApiEvent event(String name) {
        return ApiGatewayEvents.fromJson(Samples.text("api/accounts/" + name + ".json"));
    }

    static HttpApiEvent event(String name, String accountId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/accounts/" + name + ".json").replace(ACCOUNT_ID, accountId));
    }

    static HttpApiEvent withHeader(HttpApiEvent event, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(event.headers() == null ? Map.of() : event.headers());
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return event.withHeaders(headers);
    }

    static HttpApiEvent withoutHeader(HttpApiEvent event, String name) {
        Map<String, String> headers = new LinkedHashMap<>(event.headers());
        headers.remove(name.toLowerCase(Locale.ROOT));
        return event.withHeaders(headers);
    }

    static HttpApiEvent withBody(HttpApiEvent event, String body) {
        return event.withBody(body);
    }

    static HttpApiEvent withMethod(HttpApiEvent event, String method) {
        return event.withMethod(method);
    }

    static HttpApiEvent withPath(HttpApiEvent event, String path) {
        return event.withPath(path);
    }

    /** Replaces the query string, as API Gateway would deliver it. */
    static HttpApiEvent withQuery(HttpApiEvent event, Map<String, String> query) {
        return event.withQuery(
                query.isEmpty() ? null : new LinkedHashMap<>(query),
                String.join(
                        "&",
                        query.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList()));
    }
}
