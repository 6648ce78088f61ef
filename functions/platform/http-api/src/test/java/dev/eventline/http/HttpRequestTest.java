package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertBadRequest;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void reads_the_jwt_sample() {
        HttpRequest request = Samples.request("get-order.json");

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/orders/ord-7f0c2a");
        assertThat(request.header("If-None-Match")).contains("\"3\"");
        assertThat(request.header("IF-NONE-MATCH")).contains("\"3\"");
        assertThat(request.header("X-Missing")).isEmpty();
        assertThat(request.queryParam("view")).contains("full");
        assertThat(request.queryParam("absent")).isEmpty();
        assertThat(request.body()).isEmpty();
        assertThat(request.hasBody()).isFalse();
        assertThat(request.bodyBytesLength()).isZero();
        assertThat(request.requestId()).isEqualTo("Jq3bTgSxoAMEVzQ=");
        assertThat(request.sourceIp()).isEqualTo("203.0.113.17");
        assertThat(request.actor()).isEqualTo("user-42");
        assertThat(request.correlationId()).isEqualTo("checkout-flow.42:step-1");
    }

    @Test
    void decodes_base64_body_and_takes_the_iam_caller_as_actor() {
        HttpRequest request = Samples.request("post-orders-base64-iam.json");

        assertThat(request.body()).isEqualTo("{\"customerId\":\"cust-9\",\"currency\":\"EUR\"}");
        assertThat(request.bodyBytesLength()).isEqualTo(40);
        assertThat(request.actor()).isEqualTo("arn:aws:sts::123456789012:assumed-role/checkout-worker/checkout-worker");
        assertThat(request.correlationId()).isEqualTo(request.requestId());
    }

    @Test
    void named_stage_is_stripped_method_upper_cased_anonymous_actor() {
        HttpRequest request = Samples.request("get-order-named-stage-anonymous.json");

        assertThat(request.path()).isEqualTo("/orders/ord-7f0c2a");
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.actor()).isEqualTo("anonymous");
        assertThat(request.correlationId())
                .as("a header with spaces is not echoed")
                .isEqualTo("Jq3eMnOCoAMEV7g=");
    }

    @Test
    void correlation_id_must_be_safe_and_at_most_128_characters() {
        HttpApiEvent event = Samples.event("get-order.json");
        event = Samples.withHeader(event, "x-correlation-id", "a".repeat(128));
        assertThat(HttpRequest.from(event).correlationId()).hasSize(128);
        event = Samples.withHeader(event, "x-correlation-id", "a".repeat(129));
        assertThat(HttpRequest.from(event).correlationId()).isEqualTo("Jq3bTgSxoAMEVzQ=");
        event = Samples.withHeader(event, "x-correlation-id", "x\r\nSet-Cookie: a=b");
        assertThat(HttpRequest.from(event).correlationId()).isEqualTo("Jq3bTgSxoAMEVzQ=");
    }

    @Test
    void missing_request_id_is_generated() {
        HttpApiEvent sample = Samples.event("get-order.json");
        HttpApiEvent event = sample.withRequestContext(sample.requestContext().withRequestId(null))
                .withHeaders(Map.of());
        HttpRequest request = HttpRequest.from(event);
        assertThat(request.requestId()).isNotBlank();
        assertThat(request.correlationId()).isEqualTo(request.requestId());
    }

    @Test
    void query_falls_back_to_the_raw_query_string() {
        HttpApiEvent event = Samples.event("get-order.json").withQuery(null, "status=open%20now&tag=a&tag=b&flag");
        HttpRequest request = HttpRequest.from(event);
        assertThat(request.queryParam("status")).contains("open now");
        assertThat(request.queryParam("tag")).contains("a,b");
        assertThat(request.queryParam("flag")).contains("");

        HttpApiEvent bad = event.withQuery(null, "bad=%zz");
        assertBadRequest(problemOf(() -> HttpRequest.from(bad)), "query string");
    }

    @Test
    void body_length_is_in_utf8_bytes() {
        String body = "{\"name\":\"é€𝄞\"}";
        HttpRequest request = Samples.postRequest("/orders", "application/json", body);
        assertThat(request.bodyBytesLength()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(HttpRequest.utf8Length("a\uD800b")).isEqualTo("a\uD800b".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void path_params_come_from_the_router_only() {
        HttpRequest request = Samples.request("get-order-named-stage-anonymous.json");
        assertThat(request.pathParams())
                .as("API Gateway's own pathParameters are ignored")
                .isEmpty();
        assertThatThrownBy(() -> request.pathParam("orderId")).isInstanceOf(IllegalStateException.class);
        assertThat(request.withPathParams(Map.of("orderId", "o-1")).pathParam("orderId"))
                .isEqualTo("o-1");
    }

    @Test
    void garbage_events_are_400() {
        assertBadRequest(problemOf(() -> HttpRequest.from(null)), "not an API Gateway HTTP API request");
        assertBadRequest(
                problemOf(() -> Samples.request("garbage-no-request-context.json")),
                "not an API Gateway HTTP API request");
        HttpApiEvent relative = Samples.event("get-order.json").withRawPath("orders");
        assertBadRequest(problemOf(() -> HttpRequest.from(relative)), "path");
    }
}
