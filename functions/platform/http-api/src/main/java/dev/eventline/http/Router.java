package dev.eventline.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Maps API Gateway's route key ({@code POST /orders/{orderId}/items}) to a handler: API Gateway has
 * already matched the path against the routes deployed for this function and hands over the
 * {@code routeKey} it selected and the {@code pathParameters} it filled, so dispatch is one map
 * lookup, built once per container. The path is never matched here.
 *
 * <ul>
 *   <li>A registered route key: its handler, after the path parameters are validated.</li>
 *   <li>{@code ANY /path} (the route deployed beside each path's methods, which API Gateway selects
 *       for a method no other route of the path names), or a known path with another method: 405
 *       with {@code Allow} listing the path's methods. {@code HEAD} (and {@code OPTIONS}, which API
 *       Gateway answers for CORS) cannot be registered, so they get the 405.</li>
 *   <li>Anything else ({@code $default}, no route key, an unknown path): 404.</li>
 *   <li>Parameter values are percent-decoded, then validated by {@link PathIds#require}: 400
 *       naming the parameter; a route's parameter missing from the event is a 400 too. They are
 *       checked only once the method matched (a 405 says nothing about the ids).</li>
 * </ul>
 */
public final class Router {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    /** A registered route, as checked against the OpenAPI document. */
    public record Route(String method, String template) {
        /** As API Gateway writes it in {@code routeKey}: {@code GET /orders/{orderId}}. */
        public String key() {
            return method + " " + template;
        }
    }

    private record Entry(
            Route route, String[] segments, List<String> params, Function<HttpRequest, HttpResponse> handler) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, Set<String>> methodsByTemplate = new HashMap<>();

    /**
     * @param method   GET, POST, PUT, PATCH or DELETE
     * @param template e.g. {@code /orders/{orderId}/items}
     * @throws IllegalArgumentException for an unsupported method, a malformed template or a duplicate
     */
    public Router route(String method, String template, Function<HttpRequest, HttpResponse> handler) {
        Objects.requireNonNull(handler, "handler");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported method " + method + "; use one of " + METHODS);
        }
        String[] segments = parseTemplate(template);
        for (Entry existing : entries) {
            if (existing.route().method().equals(method) && sameShape(existing.segments(), segments)) {
                throw new IllegalArgumentException(method + " " + template + " clashes with "
                        + existing.route().template());
            }
        }
        List<String> params = new ArrayList<>();
        for (String segment : segments) {
            if (segment.startsWith("{")) {
                params.add(segment.substring(1, segment.length() - 1));
            }
        }
        Entry entry = new Entry(new Route(method, template), segments, List.copyOf(params), handler);
        entries.add(entry);
        byKey.put(entry.route().key(), entry);
        methodsByTemplate.computeIfAbsent(template, t -> new LinkedHashSet<>()).add(method);
        return this;
    }

    /** The registered routes in registration order. */
    public List<Route> routes() {
        return entries.stream().map(Entry::route).toList();
    }

    /**
     * @throws ProblemException 404, 405 or 400 (invalid path parameter)
     */
    public HttpResponse dispatch(HttpRequest request) {
        Entry entry = byKey.get(request.routeKey());
        if (entry != null && entry.route().method().equals(request.method())) {
            return entry.handler().apply(request.withPathParams(params(entry, request.eventPathParameters())));
        }
        String key = request.routeKey();
        int space = key.indexOf(' ');
        Set<String> allowed = space < 0 ? null : methodsByTemplate.get(key.substring(space + 1));
        if (allowed == null) {
            throw ProblemException.notFound("no resource at this path");
        }
        throw ProblemException.methodNotAllowed(List.copyOf(allowed));
    }

    private static Map<String, String> params(Entry entry, Map<String, String> given) {
        Map<String, String> params = new HashMap<>();
        for (String name : entry.params()) {
            String value = given.get(name);
            params.put(name, PathIds.require(name, value == null ? null : percentDecode(name, value)));
        }
        return params;
    }

    private static boolean sameShape(String[] a, String[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            boolean aParam = a[i].startsWith("{");
            if (aParam != b[i].startsWith("{") || (!aParam && !a[i].equals(b[i]))) {
                return false;
            }
        }
        return true;
    }

    /** {@code /} is zero segments; null when the path is not absolute. Keeps empty segments (they then never match). */
    private static String[] splitPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return path.length() == 1 ? new String[0] : path.substring(1).split("/", -1);
    }

    private static String[] parseTemplate(String template) {
        String[] segments = splitPath(template);
        if (segments == null) {
            throw new IllegalArgumentException("a template starts with '/': " + template);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty segment or trailing slash in " + template);
            }
            if (segment.startsWith("{") || segment.endsWith("}")) {
                String name = segment.length() > 2 ? segment.substring(1, segment.length() - 1) : "";
                if (!segment.startsWith("{")
                        || !segment.endsWith("}")
                        || !PARAM_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("malformed parameter " + segment + " in " + template);
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("parameter {" + name + "} repeated in " + template);
                }
            } else if (!PathIds.isValid(segment.replace(".", ""))) {
                throw new IllegalArgumentException("literal segment " + segment + " in " + template
                        + " must be made of A-Z, a-z, 0-9, '.', '_' or '-'");
            }
        }
        return segments;
    }

    /**
     * RFC 3986 percent-decoding of one segment. Unlike {@link java.net.URLDecoder} it leaves '+'
     * alone (it means '+' in a path) and refuses malformed escapes and non-UTF-8 bytes with a 400.
     */
    private static String percentDecode(String name, String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteBuffer bytes = ByteBuffer.allocate(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int hi = i + 2 < segment.length() ? hex(segment.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hex(segment.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw ProblemException.invalidField(name, name + " has a malformed percent-encoding");
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                throw ProblemException.invalidField(
                        name, name + " must be 1-" + PathIds.MAX_LENGTH + " characters of A-Z, a-z, 0-9, '_' or '-'");
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalidField(name, name + " is not valid UTF-8 once decoded");
        }
    }

    /** ASCII hex only: {@link Character#digit} would also accept e.g. Arabic-Indic digits. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
