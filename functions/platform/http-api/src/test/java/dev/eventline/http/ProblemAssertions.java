package dev.eventline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Checks the RFC 9457 contract of a problem response and returns its document for further checks. */
final class ProblemAssertions {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProblemAssertions() {}

    static JsonNode assertProblem(HttpApiResponse response, int status, String slug, String title) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.headers()).containsKey("X-Correlation-Id");
        JsonNode body = parse(response.body());
        assertThat(body.path("type").asText()).isEqualTo("https://eventline.dev/problems/" + slug);
        assertThat(body.path("title").asText()).isEqualTo(title);
        assertThat(body.path("status").isInt()).isTrue();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").isTextual()).as("detail").isTrue();
        return body;
    }

    /** A 400 invalid-field problem naming {@code field}. */
    static JsonNode assertInvalidField(HttpApiResponse response, String field) {
        JsonNode body = assertProblem(response, 400, "invalid-field", "Invalid Field");
        assertThat(body.path("field").asText()).isEqualTo(field);
        assertThat(body.path("detail").asText()).startsWith(field + " ");
        return body;
    }

    static JsonNode assertInvalidHeader(HttpApiResponse response, String header) {
        JsonNode body = assertProblem(response, 400, "invalid-header", "Invalid Header");
        assertThat(body.path("header").asText()).isEqualTo(header);
        assertThat(body.path("detail").asText()).contains(header);
        return body;
    }

    static JsonNode assertBadRequest(HttpApiResponse response, String detailFragment) {
        JsonNode body = assertProblem(response, 400, "bad-request", "Bad Request");
        assertThat(body.path("detail").asText()).contains(detailFragment);
        return body;
    }

    /** The problem a piece of code throws. */
    static Problem problemOf(ThrowingCallable code) {
        ProblemException thrown = catchThrowableOfType(ProblemException.class, code);
        assertThat(thrown).as("a ProblemException").isNotNull();
        return thrown.problem();
    }

    static void assertInvalidField(Problem problem, String field) {
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).hasToString("https://eventline.dev/problems/invalid-field");
        assertThat(problem.title()).isEqualTo("Invalid Field");
        assertThat(problem.extension("field").asText()).isEqualTo(field);
        assertThat(problem.detail()).startsWith(field + " ");
    }

    static void assertInvalidHeader(Problem problem, String header) {
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).hasToString("https://eventline.dev/problems/invalid-header");
        assertThat(problem.title()).isEqualTo("Invalid Header");
        assertThat(problem.extension("header").asText()).isEqualTo(header);
        assertThat(problem.detail()).contains(header);
    }

    static void assertBadRequest(Problem problem, String detailFragment) {
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).hasToString("https://eventline.dev/problems/bad-request");
        assertThat(problem.title()).isEqualTo("Bad Request");
        assertThat(problem.detail()).contains(detailFragment);
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
