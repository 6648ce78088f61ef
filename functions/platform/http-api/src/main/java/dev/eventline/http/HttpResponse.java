package dev.eventline.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable HTTP response. Header names are case-insensitive (the first spelling is kept).
 * {@link HttpApi} stamps {@code X-Correlation-Id} on every response it returns, so handlers never
 * set it themselves.
 */
public final class HttpResponse {
    public static final String JSON = "application/json";

    /** RFC 9110 token characters: rejects names that could split or smuggle headers. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final int status;
    private final Map<String, String> headers;
    private final String body;

    private HttpResponse(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    /** A JSON response ({@code application/json}). */
    public static HttpResponse json(int status, JsonNode body) {
        return status(status).json(body).build();
    }

    /** The problem's document with {@code application/problem+json}, plus the problem's own headers. */
    public static HttpResponse problem(Problem problem) {
        Builder builder = status(problem.status()).body(Problem.CONTENT_TYPE, Json.write(problem.toJson()));
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    /** 304 for a conditional GET: the ETag again, no body (RFC 9110 section 15.4.5). */
    public static HttpResponse notModified(long version) {
        return status(304).header("ETag", ETags.of(version)).build();
    }

    public static HttpResponse noContent() {
        return status(204).build();
    }

    public int status() {
        return status;
    }

    /** Unmodifiable, case-insensitive on lookup. */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> body() {
        return Optional.ofNullable(body);
    }

    /** A copy with the header set (replacing any value under the same name in any case). */
    public HttpResponse withHeader(String name, String value) {
        Builder builder = toBuilder();
        builder.header(name, value);
        return builder.build();
    }

    public HttpResponse withCorrelationId(String correlationId) {
        return withHeader(HttpRequest.CORRELATION_ID_HEADER, correlationId);
    }

    public Builder toBuilder() {
        Builder builder = new Builder(status);
        headers.forEach(builder::header);
        builder.body = body;
        return builder;
    }

    public HttpApiResponse toApiGateway() {
        return HttpApiResponse.of(status, new LinkedHashMap<>(headers), body);
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + ", " + headers + ", " + (body == null ? 0 : body.length()) + " chars]";
    }

    public static final class Builder {
        private final int status;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private String body;

        private Builder(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            this.status = status;
        }

        /** Rejects CR/LF and other control characters in values: no response splitting through echoed input. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (name == null || !HEADER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    throw new IllegalArgumentException("control character in the value of header " + name);
                }
            }
            headers.remove(name); // so a new spelling of the name replaces the old one
            headers.put(name, value);
            return this;
        }

        public Builder json(JsonNode node) {
            return body(JSON, Json.write(Objects.requireNonNull(node, "node")));
        }

        /** An already serialized JSON document. */
        public Builder json(String jsonText) {
            return body(JSON, jsonText);
        }

        public Builder body(String contentType, String text) {
            header("Content-Type", contentType);
            this.body = Objects.requireNonNull(text, "text");
            return this;
        }

        public HttpResponse build() {
            if (body != null && (status == 204 || status == 304)) {
                throw new IllegalStateException(status + " responses have no body");
            }
            Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // TreeMap(Map) would drop it
            copy.putAll(headers);
            return new HttpResponse(status, copy, body);
        }
    }
}
