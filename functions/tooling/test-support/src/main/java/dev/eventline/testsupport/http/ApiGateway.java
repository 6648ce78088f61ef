package dev.eventline.testsupport.http;

import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.Router;
import dev.eventline.local.emulator.ApiGatewayRoutes;
import java.util.List;

/**
 * What stands between a test and an HTTP function: API Gateway with the function's routes deployed
 * as the CDK deploys them (each route, and {@code ANY} per path), so an event whose method or path a
 * test changed arrives with the route key and path parameters API Gateway would give it.
 */
public final class ApiGateway {
    private final ApiGatewayRoutes routes;

    private ApiGateway(ApiGatewayRoutes routes) {
        this.routes = routes;
    }

    /** @param served what the function's router serves ({@code handler.routes()}) */
    public static ApiGateway deploying(List<Router.Route> served) {
        return new ApiGateway(ApiGatewayRoutes.of(ApiGatewayRoutes.withAnyPerPath(
                served.stream().map(Router.Route::key).toList())));
    }

    /** @return the event with the route key and path parameters of the route its method and path select */
    public HttpApiEvent route(HttpApiEvent event) {
        ApiGatewayRoutes.Selected selected = routes.routeOf(
                event.method(),
                event.rawPath(),
                event.requestContext() == null ? null : event.requestContext().stage());
        return event.withRoute(selected.routeKey(), selected.pathParameters());
    }
}
