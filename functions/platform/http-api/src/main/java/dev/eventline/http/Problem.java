package dev.eventline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 9457 problem detail: what every error response of every Eventline HTTP API carries, so
 * clients branch on {@link #type()} (and the {@code code} extension) instead of parsing prose.
 * Immutable; the {@code with*} methods return copies.
 *
 * <p>{@link #headers()} are response headers that belong to the problem (e.g. {@code Allow} on a
 * 405); they are not part of the JSON document.
 */
public final class Problem {
    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://eventline.dev/problems/";

    /** Members defined by RFC 9457 itself; an extension must not shadow them. */
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final ObjectNode extensions;
    private final Map<String, String> headers;

    private Problem(
            URI type,
            String title,
            int status,
            String detail,
            String instance,
            ObjectNode extensions,
            Map<String, String> headers) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.extensions = extensions;
        this.headers = Collections.unmodifiableMap(headers);
    }

    /** A problem of type {@code https://eventline.dev/problems/<slug>}. */
    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(
                URI.create(TYPE_PREFIX + slug),
                title,
                status,
                detail,
                null,
                JsonNodeFactory.instance.objectNode(),
                new LinkedHashMap<>());
    }

    /** The generic problem for a status, for mappings that only know the status (e.g. a rule code to 409). */
    public static Problem forStatus(int status, String detail) {
        return switch (status) {
            case 400 -> badRequest(detail);
            case 404 -> notFound(detail);
            case 409 -> conflict(detail);
            case 412 -> of(412, "precondition-failed", "Precondition Failed", detail);
            case 422 -> of(422, "unprocessable-content", "Unprocessable Content", detail);
            default -> of(status, "http-" + status, status >= 500 ? "Server Error" : "Client Error", detail);
        };
    }

    public static Problem badRequest(String detail) {
        return of(400, "bad-request", "Bad Request", detail);
    }

    /** A request field (body field, path parameter or query parameter) is missing or invalid. */
    public static Problem invalidField(String field, String detail) {
        return of(400, "invalid-field", "Invalid Field", detail).withExtension("field", field);
    }

    /** A request header is malformed (e.g. {@code If-Match}, {@code Idempotency-Key}). */
    public static Problem invalidHeader(String header, String detail) {
        return of(400, "invalid-header", "Invalid Header", detail).withExtension("header", header);
    }

    /**
     * No verified caller. {@code WWW-Authenticate} as RFC 6750 asks; the detail does not say what
     * was wrong with a token (that is for the issuer's logs, not for whoever holds the token).
     */
    public static Problem unauthorized() {
        return of(401, "unauthorized", "Unauthorized", "this API needs a valid bearer token")
                .withHeader("WWW-Authenticate", "Bearer");
    }

    /** The caller is known but lacks the scope the action needs. */
    public static Problem forbidden(String requiredScope, String detail) {
        return of(403, "forbidden", "Forbidden", detail)
                .withExtension("requiredScope", requiredScope)
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + requiredScope + "\"");
    }

    public static Problem notFound(String detail) {
        return of(404, "not-found", "Not Found", detail);
    }

    /** Sets the {@code Allow} header (RFC 9110 requires it on a 405) and lists the methods in {@code allowed}. */
    public static Problem methodNotAllowed(Collection<String> allowed) {
        String allow = String.join(", ", allowed);
        ArrayNode methods = JsonNodeFactory.instance.arrayNode();
        allowed.forEach(methods::add);
        return of(405, "method-not-allowed", "Method Not Allowed", "this resource supports " + allow)
                .withExtension("allowed", methods)
                .withHeader("Allow", allow);
    }

    public static Problem conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** An {@code If-Match} precondition failed; {@code currentVersion} lets the client refetch or rebase. */
    public static Problem preconditionFailed(String detail, long currentVersion) {
        return of(412, "precondition-failed", "Precondition Failed", detail)
                .withExtension("currentVersion", currentVersion);
    }

    public static Problem payloadTooLarge(long limitBytes) {
        return of(413, "payload-too-large", "Content Too Large", "the request body exceeds " + limitBytes + " bytes")
                .withExtension("limit", limitBytes);
    }

    /** {@code contentType} is what the client sent (may be null); it is echoed JSON-escaped and truncated. */
    public static Problem unsupportedMediaType(String contentType) {
        Problem problem = of(
                415,
                "unsupported-media-type",
                "Unsupported Media Type",
                "the request body must be sent as application/json");
        if (contentType != null) {
            problem = problem.withExtension(
                    "contentType", contentType.length() > 100 ? contentType.substring(0, 100) : contentType);
        }
        return problem.withHeader("Accept", "application/json");
    }

    /** A business rule refused the request; {@code code} is the stable identifier clients match on. */
    public static Problem unprocessable(String code, String detail) {
        return of(422, "unprocessable-content", "Unprocessable Content", detail).withExtension("code", code);
    }

    /**
     * An unexpected failure. Deliberately says nothing about the cause (exception text can leak
     * table names, stream ids or stack details); the request id lets operators find the log line.
     */
    public static Problem internal(String requestId) {
        return of(
                        500,
                        "internal",
                        "Internal Server Error",
                        "an unexpected error occurred; quote request id " + requestId + " when reporting it")
                .withExtension("requestId", requestId);
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** May be null. */
    public String detail() {
        return detail;
    }

    /** The request path the problem occurred on; null until {@link HttpApi} (or a handler) sets it. */
    public String instance() {
        return instance;
    }

    /** A copy of the extension members. */
    public ObjectNode extensions() {
        return extensions.deepCopy();
    }

    /** The extension member, or null. */
    public JsonNode extension(String name) {
        return extensions.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem withDetail(String newDetail) {
        return new Problem(type, title, status, newDetail, instance, extensions, new LinkedHashMap<>(headers));
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, extensions, new LinkedHashMap<>(headers));
    }

    public Problem withExtension(String name, String value) {
        return withExtension(name, JsonNodeFactory.instance.textNode(value));
    }

    public Problem withExtension(String name, long value) {
        return withExtension(name, JsonNodeFactory.instance.numberNode(value));
    }

    public Problem withExtension(String name, JsonNode value) {
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a standard problem member, not an extension");
        }
        ObjectNode copy = extensions.deepCopy();
        copy.set(name, value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
        return new Problem(type, title, status, detail, instance, copy, new LinkedHashMap<>(headers));
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Problem(type, title, status, detail, instance, extensions, copy);
    }

    /** The {@code application/problem+json} document: standard members first, then the extensions. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type.toString());
        json.put("title", title);
        json.put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        json.setAll(extensions.deepCopy());
        return json;
    }

    @Override
    public String toString() {
        return status + " " + type + (detail == null ? "" : ": " + detail);
    }
}
