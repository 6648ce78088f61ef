package dev.eventline.ordering.commandapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One JSON line per request (CloudWatch keeps a line as one record; Logs Insights parses it):
 * method, route template, status, latency, correlation id and order id. Nothing from the body.
 *
 * <p>The route and order id are only known once the router has matched, inside the route
 * function; they are passed out through a thread-local because a request is handled on one
 * thread from start to end (a Lambda runs one at a time; tests run several handlers at once).
 */
final class AccessLog {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,16}");

    private record Matched(String route, String orderId) {
    }

    private final Consumer<String> out;
    private final Clock clock;
    private final ThreadLocal<Matched> matched = new ThreadLocal<>();

    AccessLog(Consumer<String> out, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Wraps a route's function so the log line can name the route. */
    Function<HttpRequest, HttpResponse> tracking(String template, Function<HttpRequest, HttpResponse> handler) {
        return request -> {
            matched.set(new Matched(template, request.pathParams().get("orderId")));
            return handler.apply(request);
        };
    }

    APIGatewayV2HTTPResponse around(APIGatewayV2HTTPEvent event, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api) {
        long start = System.nanoTime();
        matched.remove();
        try {
            APIGatewayV2HTTPResponse response = api.apply(event);
            write(event, response, (System.nanoTime() - start) / 1_000_000);
            return response;
        } finally {
            matched.remove();
        }
    }

    private void write(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response, long latencyMs) {
        try {
            Matched route = matched.get();
            Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
            ObjectNode line = MAPPER.createObjectNode()
                    .put("timestamp", clock.instant().toString())
                    .put("level", "INFO")
                    .put("message", "request")
                    .put("method", methodOf(event))
                    .put("route", route == null ? null : route.route())
                    .put("status", response.getStatusCode())
                    .put("latencyMs", latencyMs)
                    .put("correlationId", headers.get(HttpRequest.CORRELATION_ID_HEADER))
                    .put("orderId", orderIdOf(route, headers));
            out.accept(MAPPER.writeValueAsString(line));
        } catch (JsonProcessingException | RuntimeException e) {
            // a log line must never turn an answered request into a failed invocation
        }
    }

    /** Only a method the request parser accepted: anything else is logged as null, never echoed. */
    private static String methodOf(APIGatewayV2HTTPEvent event) {
        String method = event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? null : event.getRequestContext().getHttp().getMethod();
        return method != null && METHOD.matcher(method).matches() ? method.toUpperCase(Locale.ROOT) : null;
    }

    /** From the path, or for a create from the {@code Location} the server chose. */
    private static String orderIdOf(Matched route, Map<String, String> headers) {
        if (route != null && route.orderId() != null) {
            return route.orderId();
        }
        String location = headers.get("Location");
        return location != null && location.startsWith("/orders/") ? location.substring("/orders/".length()) : null;
    }
}
