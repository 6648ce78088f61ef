package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.sun.net.httpserver.HttpExchange;
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
    static APIGatewayV2HTTPEvent from(HttpExchange exchange, byte[] body, HttpRoutes.Match route, Instant now) {
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

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(route.routeKey());
        event.setRawPath(path);
        event.setRawQueryString(query == null ? "" : query);
        event.setHeaders(headers);
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setQueryStringParameters(query == null || query.isEmpty() ? null : queryParameters(query));
        event.setPathParameters(route.pathParameters().isEmpty() ? null : route.pathParameters());
        if (body.length > 0) {
            boolean text = isText(contentType);
            event.setBody(
                    text
                            ? new String(body, StandardCharsets.UTF_8)
                            : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(!text);
        }

        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        http.setUserAgent(headers.getOrDefault("user-agent", ""));
        RequestContext context = new RequestContext();
        context.setAccountId(LocalFunction.ACCOUNT);
        context.setApiId("local");
        context.setDomainName(headers.getOrDefault("host", "127.0.0.1"));
        context.setDomainPrefix("local");
        context.setRequestId(UUID.randomUUID().toString());
        context.setRouteKey(route.routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        context.setHttp(http);
        event.setRequestContext(context);
        return event;
    }

    /** What API Gateway's JWT authorizer adds to the event of a request it let through. */
    static void authorize(APIGatewayV2HTTPEvent event, JwtAuthorizer.Authorized authorized) {
        RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
        jwt.setClaims(authorized.claims());
        jwt.setScopes(authorized.scopes());
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        event.getRequestContext().setAuthorizer(authorizer);
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
