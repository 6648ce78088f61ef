package dev.eventline.ordering.commandapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.http.ConsistencyToken;
import java.util.Map;
import java.util.TreeMap;

/** A handler's answer with case-insensitive headers and the body parsed, for assertions. */
record Response(int status, Map<String, String> headers, String rawBody, JsonNode body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Response of(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        try {
            JsonNode body = response.getBody() == null ? MAPPER.missingNode() : MAPPER.readTree(response.getBody());
            return new Response(response.getStatusCode(), headers, response.getBody(), body);
        } catch (Exception e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    String header(String name) {
        return headers.get(name);
    }

    long version() {
        return body.path("version").asLong();
    }

    String orderId() {
        return body.path("orderId").asText();
    }

    /** A successful command answer: status, ETag = version, token in header and body naming the order's stream. */
    Response assertCommand(int expectedStatus, long expectedVersion, String... eventTypes) {
        assertThat(status).as("status of %s", rawBody).isEqualTo(expectedStatus);
        assertThat(header("Content-Type")).isEqualTo("application/json");
        assertThat(header("ETag")).isEqualTo("\"" + expectedVersion + "\"");
        assertThat(version()).isEqualTo(expectedVersion);
        assertThat(body.path("events")).extracting(JsonNode::asText).containsExactly(eventTypes);
        String token = header(ConsistencyToken.HEADER);
        assertThat(token).isNotBlank().isEqualTo(body.path("consistencyToken").asText());
        assertThat(ConsistencyToken.decode(token)).isEqualTo(new ConsistencyToken("Order-" + orderId(), expectedVersion));
        assertThat(header("X-Correlation-Id")).isNotBlank();
        return this;
    }

    /** An RFC 9457 answer of the given status and problem type slug. */
    Response assertProblem(int expectedStatus, String slug) {
        assertThat(status).as("status of %s", rawBody).isEqualTo(expectedStatus);
        assertThat(header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(header("X-Correlation-Id")).isNotBlank();
        assertThat(body.path("type").asText()).isEqualTo("https://eventline.dev/problems/" + slug);
        assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
        return this;
    }
}
