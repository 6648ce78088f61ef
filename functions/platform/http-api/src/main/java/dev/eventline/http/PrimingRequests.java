package dev.eventline.http;

import java.util.Map;

/**
 * Requests as API Gateway hands them over (the route key it selected, the path parameters it filled),
 * for the HTTP functions' SnapStart priming: each function walks its own routes with them before the
 * snapshot is taken.
 */
public final class PrimingRequests {
    private PrimingRequests() {}

    /** The method is the route key's. */
    public static HttpApiEvent event(
            String routeKey, String path, Map<String, String> pathParameters, Map<String, String> query, String body) {
        return event(routeKey.substring(0, routeKey.indexOf(' ')), routeKey, path, pathParameters, query, body);
    }

    /** A method other than the route key's, as an {@code ANY} route receives it. */
    public static HttpApiEvent event(
            String method,
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> query,
            String body) {
        HttpApiEvent.RequestContext context = new HttpApiEvent.RequestContext(
                null,
                null,
                null,
                null,
                "priming",
                routeKey,
                "$default",
                null,
                0,
                new HttpApiEvent.Http(method, path, null, null, null),
                primingCaller());
        return new HttpApiEvent(
                null,
                routeKey,
                path,
                null,
                null,
                body == null ? Map.of() : Map.of("content-type", "application/json"),
                query.isEmpty() ? null : query,
                pathParameters.isEmpty() ? null : pathParameters,
                context,
                body,
                false);
    }

    /** Staff, so that priming walks every route down to the store, as no customer could. */
    private static HttpApiEvent.Authorizer primingCaller() {
        return HttpApiEvent.Authorizer.ofJwt(Map.of("sub", "priming", "scope", Principal.STAFF_SCOPE), null);
    }
}
