package dev.eventline.local;

import com.sun.net.httpserver.HttpExchange;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.local.emulator.JwtAuthorizer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * An HTTP request as API Gateway's HTTP API (payload format 2.0) hands it to a Lambda: header
 * names lower-cased, repeated headers and query parameters joined with commas, cookies apart,
 * text bodies as they are and anything else base64-encoded.
 */
final class HttpEvents {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpEvents() {}

    /** @param now when the request arrived, by the runtime's clock */
    static HttpApiEvent from(HttpExchange exchange, byte[] body, HttpRoutes.Match route, Instant now) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        String contentType = headers.getOrDefault("content-type", "");

        boolean text = isText(contentType);
        HttpApiEvent.RequestContext context = new HttpApiEvent.RequestContext(
                LocalFunction.ACCOUNT,
                "local",
                headers.getOrDefault("host", "127.0.0.1"),
                "local",
                UUID.randomUUID().toString(),
                route.routeKey(),
                "$default",
                REQUEST_TIME.format(now),
                now.toEpochMilli(),
                new HttpApiEvent.Http(
                        method,
                        path,
                        exchange.getProtocol(),
                        exchange.getRemoteAddress().getAddress().getHostAddress(),
                        headers.getOrDefault("user-agent", "")),
                null);
        return new HttpApiEvent(
                "2.0",
                route.routeKey(),
                path,
                query == null ? "" : query,
                cookies.isEmpty() ? null : cookies,
                headers,
                query == null || query.isEmpty() ? null : queryParameters(query),
                route.pathParameters().isEmpty() ? null : route.pathParameters(),
                context,
                body.length == 0
                        ? null
                        : text
                                ? new String(body, StandardCharsets.UTF_8)
                                : Base64.getEncoder().encodeToString(body),
                body.length > 0 && !text);
    }

    /** What API Gateway's JWT authorizer adds to the event of a request it let through. */
    static HttpApiEvent authorize(HttpApiEvent event, JwtAuthorizer.Authorized authorized) {
        return event.withAuthorizer(HttpApiEvent.Authorizer.ofJwt(authorized.claims(), authorized.scopes()));
    }

    /** What API Gateway passes through as text; everything else arrives base64-encoded. */
    static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty()
                || type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
