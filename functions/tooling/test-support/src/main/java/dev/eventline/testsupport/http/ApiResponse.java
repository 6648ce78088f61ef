package dev.eventline.testsupport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.HttpApiResponse;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A handler's answer with case-insensitive headers and the body parsed, for assertions.
 *
 * <p>Each API's tests subclass it ({@code class Response extends ApiResponse<Response>}) to add
 * accessors for their own body fields and, for command APIs, the stream a command answer names
 * ({@link #commandStreamId()}); the fluent assertions return that subclass.
 *
 * @param <R> the subclass, returned by the fluent assertions
 */
public abstract class ApiResponse<R extends ApiResponse<R>> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int status;
    private final Map<String, String> headers;
    private final String rawBody;
    private final JsonNode body;

    protected ApiResponse(HttpApiResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.headers() != null) {
            headers.putAll(response.headers());
        }
        try {
            this.body = response.body() == null ? MAPPER.missingNode() : MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("response body is not JSON: " + response.body(), e);
        }
        this.status = response.statusCode();
        this.headers = Collections.unmodifiableMap(headers);
        this.rawBody = response.body();
    }

    public int status() {
        return status;
    }

    /** The headers, looked up case-insensitively. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body as sent, {@code null} if there was none. */
    public String rawBody() {
        return rawBody;
    }

    /** The body parsed, a missing node if there was none. */
    public JsonNode body() {
        return body;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public long version() {
        return body.path("version").asLong();
    }

    /**
     * The event stream a command answer's consistency token must name, e.g. {@code "Order-" + orderId}.
     * Only command APIs' responses override it.
     */
    protected String commandStreamId() {
        throw new UnsupportedOperationException(getClass().getName() + " does not answer commands");
    }

    @SuppressWarnings("unchecked")
    private R self() {
        return (R) this;
    }

    /** A successful command: status, ETag = version, the token in header and body naming {@link #commandStreamId()}. */
    public R assertCommand(int expectedStatus, long expectedVersion, String... eventTypes) {
        assertThat(status).as("status of %s", rawBody).isEqualTo(expectedStatus);
        assertThat(header("Content-Type")).isEqualTo("application/json");
        assertThat(header("ETag")).isEqualTo("\"" + expectedVersion + "\"");
        assertThat(version()).isEqualTo(expectedVersion);
        assertThat(body.path("events")).extracting(JsonNode::asText).containsExactly(eventTypes);
        String token = header(ConsistencyToken.HEADER);
        assertThat(token).isNotBlank().isEqualTo(body.path("consistencyToken").asText());
        // signed (ConsistencyTokens verifies it in the query tests); here: its form and what it names
        assertThat(token)
                .matches("^" + ConsistencyToken.PATTERN + "$")
                .startsWith(commandStreamId() + "@" + expectedVersion + ".");
        assertThat(header("X-Correlation-Id")).isNotBlank();
        return self();
    }

    /** An RFC 9457 answer of the given status and problem type slug. */
    public R assertProblem(int expectedStatus, String slug) {
        assertThat(status).as("status of %s", rawBody).isEqualTo(expectedStatus);
        assertThat(header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(header("X-Correlation-Id")).isNotBlank();
        assertThat(body.path("type").asText()).isEqualTo("https://eventline.dev/problems/" + slug);
        assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        return self();
    }

    /** A problem carrying a rule (or API) code. */
    public R assertProblem(int expectedStatus, String slug, String code) {
        assertProblem(expectedStatus, slug);
        assertThat(body.path("code").asText()).isEqualTo(code);
        return self();
    }

    /** A 400 naming the offending request field. */
    public R assertInvalidField(String field) {
        assertProblem(400, "invalid-field");
        assertThat(body.path("field").asText()).isEqualTo(field);
        return self();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[status=" + status + ", headers=" + headers + ", rawBody=" + rawBody + "]";
    }
}
