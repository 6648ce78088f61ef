package dev.eventline.infrastructure.constructs;

import java.util.Objects;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

/** One HTTP API route: a method and a path template such as {@code /orders/{orderId}}. */
public record ApiRoute(HttpMethod method, String path) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
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

    /** {@code POST /orders}: the route key API Gateway reports. */
    public String routeKey() {
        return method + " " + path;
    }
}
