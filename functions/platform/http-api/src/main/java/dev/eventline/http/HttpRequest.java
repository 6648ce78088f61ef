package dev.eventline.http;

import dev.eventline.http.HttpApiEvent.RequestContext;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A read-only view of an API Gateway HTTP API (payload 2.0) request, with the fiddly parts done
 * once: case-insensitive headers, query, base64 bodies, the caller's identity, the correlation id,
 * and the route API Gateway selected ({@code routeKey}, {@code pathParameters}). Built once per
 * request by {@link HttpApi}; everything after reads this.
 *
 * <p>The body is decoded eagerly: an invalid base64 or UTF-8 body is refused with 400 before any
 * handler runs (every Eventline endpoint speaks JSON, so a non-UTF-8 body is never legitimate).
 *
 * <p>With a named stage (not {@code $default}) API Gateway prefixes {@code rawPath} with the stage
 * name; {@link #path()} strips it so routes are stage-independent.
 */
public final class HttpRequest {
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** API Gateway's ids are base64 ({@code Jq3bTgSxoAMEVzQ=}); still nothing that could break a header or log line. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:=+/-]{1,128}");

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private final String method;
    private final String path;
    private final String routeKey;
    private final Map<String, String> eventPathParameters;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final Map<String, String> pathParams;
    private final String body;
    private final int bodyBytesLength;
    private final String requestId;
    private final String sourceIp;
    private final String actor;
    private final Optional<Principal> principal;
    private final String correlationId;

    private HttpRequest(
            String method,
            String path,
            String routeKey,
            Map<String, String> eventPathParameters,
            Map<String, String> headers,
            Map<String, String> query,
            Map<String, String> pathParams,
            String body,
            int bodyBytesLength,
            String requestId,
            String sourceIp,
            String actor,
            Optional<Principal> principal) {
        this.method = method;
        this.path = path;
        this.routeKey = routeKey;
        this.eventPathParameters = eventPathParameters;
        this.headers = headers;
        this.query = query;
        this.pathParams = pathParams;
        this.body = body;
        this.bodyBytesLength = bodyBytesLength;
        this.requestId = requestId;
        this.sourceIp = sourceIp;
        this.actor = actor;
        this.principal = principal;
        this.correlationId = correlationIdFrom(headers.get("x-correlation-id"), requestId);
    }

    /**
     * @throws ProblemException 400 when the event is not an HTTP API 2.0 request (no requestContext,
     *                          method or path) or its body cannot be decoded
     */
    public static HttpRequest from(HttpApiEvent event) {
        RequestContext context = event == null ? null : event.requestContext();
        if (context == null || context.http() == null) {
            throw ProblemException.badRequest("not an API Gateway HTTP API request (payload format 2.0)");
        }
        String rawMethod = context.http().method();
        String method = rawMethod == null ? "" : rawMethod.toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(method).matches()) {
            throw ProblemException.badRequest("missing or invalid HTTP method");
        }
        String rawPath =
                event.rawPath() != null ? event.rawPath() : context.http().path();
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw ProblemException.badRequest("missing or invalid request path");
        }
        Map<String, String> headers = lowerCaseKeys(event.headers());
        byte[] decoded = event.isBase64Encoded() ? decodeBase64(event.body()) : null;
        String body = decoded != null
                ? utf8(decoded)
                : Optional.ofNullable(event.body()).orElse("");
        int length = decoded != null ? decoded.length : utf8Length(body);
        String routeKey = event.routeKey() != null ? event.routeKey() : context.routeKey();
        Map<String, String> pathParameters = event.pathParameters() == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(event.pathParameters()));
        return new HttpRequest(
                method,
                stripStage(rawPath, context.stage()),
                routeKey == null ? "" : routeKey,
                pathParameters,
                headers,
                query(event),
                Map.of(),
                body,
                length,
                requestIdOf(context),
                sourceIpOf(context),
                actorOf(context),
                Principal.of(context));
    }

    /**
     * The correlation id for an event that may not even be a valid request, so that a 400 for a
     * garbage event still carries one. Never throws.
     */
    static String correlationIdOf(HttpApiEvent event) {
        RequestContext context = event == null ? null : event.requestContext();
        Map<String, String> headers = lowerCaseKeys(event == null ? null : event.headers());
        return correlationIdFrom(headers.get("x-correlation-id"), context == null ? null : requestIdOf(context));
    }

    /** A copy carrying the router's (already validated) path parameters. */
    public HttpRequest withPathParams(Map<String, String> params) {
        return new HttpRequest(
                method,
                path,
                routeKey,
                eventPathParameters,
                headers,
                query,
                Map.copyOf(params),
                body,
                bodyBytesLength,
                requestId,
                sourceIp,
                actor,
                principal);
    }

    /**
     * The route API Gateway selected, e.g. {@code POST /orders/{orderId}/items} or {@code ANY /orders}
     * (a method no other route of the path names), {@code $default}, or empty when the event has none.
     * Only compared with the registered route keys, never parsed as a path.
     */
    public String routeKey() {
        return routeKey;
    }

    /** The event's {@code pathParameters} as API Gateway sent them, not yet validated (see {@link Router}). */
    Map<String, String> eventPathParameters() {
        return eventPathParameters;
    }

    /** Upper case, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The raw (still percent-encoded) path without the stage prefix, e.g. {@code /orders/o-1/items}. */
    public String path() {
        return path;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** All headers, names in lower case (as API Gateway delivers them); repeated headers comma-joined. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Decoded; a repeated parameter arrives comma-joined, as API Gateway joins them. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /**
     * A path parameter of the matched route template, decoded and validated by {@link PathIds}.
     *
     * @throws IllegalStateException when the route has no such parameter (a programming error)
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("no path parameter '" + name + "' in the matched route");
        }
        return value;
    }

    public Map<String, String> pathParams() {
        return pathParams;
    }

    /** The decoded body, or the empty string when there is none. */
    public String body() {
        return body;
    }

    public boolean hasBody() {
        return !body.isEmpty();
    }

    /** Size of the decoded body in UTF-8 bytes, what the body limits are measured in. */
    public int bodyBytesLength() {
        return bodyBytesLength;
    }

    /** API Gateway's request id, or a generated one when absent (local runs, hand-made events). */
    public String requestId() {
        return requestId;
    }

    /** The client address as API Gateway saw it, or {@code unknown}. */
    public String sourceIp() {
        return sourceIp;
    }

    /** The JWT {@code sub}, else the IAM caller's ARN, else {@code anonymous}; recorded in event metadata. */
    public String actor() {
        return actor;
    }

    /** Whether the authorizer verified a caller: {@link HttpApi} answers 401 before any route when not. */
    public boolean authenticated() {
        return principal.isPresent();
    }

    /**
     * The verified caller (see {@link Principal}); every request a route sees has one.
     *
     * @throws ProblemException 401 for a request without one (only reachable when a route is called directly)
     */
    public Principal principal() {
        return principal.orElseThrow(ProblemException::unauthorized);
    }

    /** The client's {@code X-Correlation-Id} when it is safe to echo and log, else {@link #requestId()}. */
    public String correlationId() {
        return correlationId;
    }

    @Override
    public String toString() {
        return method + " " + path + " (requestId " + requestId + ")";
    }

    private static String correlationIdFrom(String header, String requestId) {
        if (header != null && CORRELATION_ID.matcher(header).matches()) {
            return header;
        }
        return requestId != null ? requestId : UUID.randomUUID().toString();
    }

    private static String requestIdOf(RequestContext context) {
        String id = context.requestId();
        // echoed in headers and logs, so only a well-formed id is trusted as is
        return id != null && REQUEST_ID.matcher(id).matches()
                ? id
                : UUID.randomUUID().toString();
    }

    private static String sourceIpOf(RequestContext context) {
        String ip = context.http().sourceIp();
        return ip == null || ip.isBlank() ? "unknown" : ip;
    }

    private static String actorOf(RequestContext context) {
        HttpApiEvent.Authorizer authorizer = context.authorizer();
        if (authorizer != null) {
            if (authorizer.jwt() != null && authorizer.jwt().claims() != null) {
                String sub = authorizer.jwt().claims().get("sub");
                if (sub != null && !sub.isBlank()) {
                    return sub;
                }
            }
            if (authorizer.iam() != null
                    && authorizer.iam().userArn() != null
                    && !authorizer.iam().userArn().isBlank()) {
                return authorizer.iam().userArn();
            }
        }
        return "anonymous";
    }

    private static String stripStage(String rawPath, String stage) {
        if (stage == null || stage.isEmpty() || "$default".equals(stage)) {
            return rawPath;
        }
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) {
            return "/";
        }
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> lower = new LinkedHashMap<>();
        raw.forEach((name, value) -> {
            if (name != null && value != null) {
                lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            }
        });
        return Collections.unmodifiableMap(lower);
    }

    /** API Gateway fills queryStringParameters; hand-made events (local server) may only have the raw string. */
    private static Map<String, String> query(HttpApiEvent event) {
        if (event.queryStringParameters() != null) {
            Map<String, String> params = new LinkedHashMap<>(event.queryStringParameters());
            params.values().removeIf(Objects::isNull);
            return Collections.unmodifiableMap(params);
        }
        String raw = event.rawQueryString();
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("malformed percent-encoding in the query string");
        }
    }

    private static byte[] decodeBase64(String body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("the request body is marked base64-encoded but is not valid base64");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the request body is not valid UTF-8");
        }
    }

    /** Same count as {@code text.getBytes(UTF_8).length} without copying a body of up to 10 MB. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // a lone surrogate is encoded as '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
