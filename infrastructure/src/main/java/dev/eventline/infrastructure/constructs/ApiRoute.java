package dev.eventline.infrastructure.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

/**
 * One HTTP API route: a method, a path template such as {@code /orders/{orderId}}, and the OAuth
 * scopes API Gateway's JWT authorizer requires on it (one of them; none: any valid token).
 */
public record ApiRoute(HttpMethod method, String path, List<String> scopes) {

    public ApiRoute(HttpMethod method, String path) {
        this(method, path, List.of());
    }

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        scopes = List.copyOf(scopes);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with /, was " + path);
        }
    }

    public static ApiRoute get(String path) {
        return new ApiRoute(HttpMethod.GET, path);
    }

    public static ApiRoute post(String path) {
        return new ApiRoute(HttpMethod.POST, path);
    }

    public static ApiRoute put(String path) {
        return new ApiRoute(HttpMethod.PUT, path);
    }

    public static ApiRoute delete(String path) {
        return new ApiRoute(HttpMethod.DELETE, path);
    }

    /** The same route, open only to tokens with one of {@code required}. */
    public ApiRoute requiring(String... required) {
        return new ApiRoute(method, path, List.of(required));
    }

    /** {@code POST /orders}: the route key API Gateway reports. */
    public String routeKey() {
        return method + " " + path;
    }
}
