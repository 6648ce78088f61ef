package dev.eventline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.util.Map;

/**
 * Requests as API Gateway hands them over (the route key it selected, the path parameters it filled),
 * for the HTTP functions' SnapStart priming: each function walks its own routes with them before the
 * snapshot is taken.
 */
public final class PrimingRequests {
    private PrimingRequests() {}

    /** The method is the route key's. */
    public static APIGatewayV2HTTPEvent event(
            String routeKey, String path, Map<String, String> pathParameters, Map<String, String> query, String body) {
        return event(routeKey.substring(0, routeKey.indexOf(' ')), routeKey, path, pathParameters, query, body);
    }

    /** A method other than the route key's, as an {@code ANY} route receives it. */
    public static APIGatewayV2HTTPEvent event(
            String method,
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> query,
            String body) {
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        RequestContext context = new RequestContext();
        context.setHttp(http);
        context.setRequestId("priming");
        context.setStage("$default");
        context.setRouteKey(routeKey);
        context.setAuthorizer(primingCaller());
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setPathParameters(pathParameters.isEmpty() ? null : pathParameters);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setHeaders(body == null ? Map.of() : Map.of("content-type", "application/json"));
        event.setBody(body);
        return event;
    }

    /** Staff, so that priming walks every route down to the store, as no customer could. */
    private static RequestContext.Authorizer primingCaller() {
        RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", "priming", "scope", Principal.STAFF_SCOPE));
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        return authorizer;
    }
}
