package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemAndResponseTest {

    @Test
    void problem_document_has_standard_members_first_then_extensions() {
        Problem problem =
                Problem.invalidField("items[0].sku", "items[0].sku is required").withInstance("/orders/o-1/items");
        JsonNode json = problem.toJson();

        assertThat(json.properties().stream().map(e -> e.getKey()).toList())
                .containsExactly("type", "title", "status", "detail", "instance", "field");
        assertThat(json.path("type").asText()).isEqualTo("https://eventline.dev/problems/invalid-field");
        assertThat(json.path("status").asInt()).isEqualTo(400);
        assertThat(json.path("field").asText()).isEqualTo("items[0].sku");
    }

    @Test
    void factories_set_status_type_and_extensions() {
        assertThat(Problem.badRequest("x").status()).isEqualTo(400);
        assertThat(Problem.notFound("x").type()).hasToString("https://eventline.dev/problems/not-found");
        assertThat(Problem.conflict("x").status()).isEqualTo(409);
        assertThat(Problem.preconditionFailed("x", 7)
                        .extension("currentVersion")
                        .asLong())
                .isEqualTo(7);
        assertThat(Problem.payloadTooLarge(65_536).status()).isEqualTo(413);
        assertThat(Problem.unsupportedMediaType("x".repeat(500))
                        .extension("contentType")
                        .asText())
                .hasSize(100);
        assertThat(Problem.unprocessable("ORDER_EMPTY", "x").extension("code").asText())
                .isEqualTo("ORDER_EMPTY");
        Problem notAllowed = Problem.methodNotAllowed(List.of("GET", "POST"));
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.headers()).containsEntry("Allow", "GET, POST");
        assertThat(Problem.forStatus(409, "x").type()).hasToString("https://eventline.dev/problems/conflict");
        assertThat(Problem.forStatus(429, "x").status()).isEqualTo(429);
        assertThat(ProblemException.unprocessable("C", "d")
                        .problem()
                        .extension("code")
                        .asText())
                .isEqualTo("C");
        assertThat(ProblemException.notFound("d").getStackTrace())
                .as("no stack trace for client errors")
                .isEmpty();
    }

    @Test
    void internal_problem_names_only_the_request_id() {
        Problem internal = Problem.internal("req-1");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.title()).isEqualTo("Internal Server Error");
        assertThat(internal.detail()).contains("req-1");
        assertThat(internal.extension("requestId").asText()).isEqualTo("req-1");
    }

    @Test
    void extensions_cannot_shadow_standard_members_and_problems_are_4xx_or_5xx() {
        assertThatThrownBy(() -> Problem.badRequest("x").withExtension("status", 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Problem.of(200, "ok", "OK", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void problem_response_uses_problem_json_and_the_problem_headers() {
        HttpResponse response =
                HttpResponse.problem(Problem.methodNotAllowed(List.of("GET")).withInstance("/a"));
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("content-type")).contains("application/problem+json");
        assertThat(response.header("Allow")).contains("GET");
        JsonNode body = parse(response.body().orElseThrow());
        assertThat(body.path("instance").asText()).isEqualTo("/a");
        assertThat(body.path("allowed").toString()).isEqualTo("[\"GET\"]");
    }

    @Test
    void response_is_immutable_and_headers_case_insensitive() {
        HttpResponse response =
                HttpResponse.json(200, JsonNodeFactory.instance.objectNode().put("a", 1));
        HttpResponse stamped = response.withCorrelationId("c-1").withHeader("x-correlation-id", "c-2");

        assertThat(response.header("X-Correlation-Id")).isEmpty();
        assertThat(stamped.header("X-Correlation-Id")).contains("c-2");
        assertThat(stamped.headers()).hasSize(2);
        assertThatThrownBy(() -> stamped.headers().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
        HttpApiResponse api = stamped.toApiGateway();
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).isEqualTo("{\"a\":1}");
        assertThat(api.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("x-correlation-id", "c-2");
    }

    @Test
    void header_injection_and_bodies_on_304_are_refused() {
        assertThatThrownBy(() -> HttpResponse.status(200).header("Location", "/a\r\nSet-Cookie: x=y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.status(200).header("Bad Name", "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.status(304).json("{}").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpResponse.status(42)).isInstanceOf(IllegalArgumentException.class);
        HttpResponse notModified = HttpResponse.notModified(9);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).contains("\"9\"");
        assertThat(notModified.body()).isEmpty();
    }
}
