package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiGatewayEventsTest {

    @Test
    void maps_every_part_of_the_jwt_sample() {
        HttpApiEvent event = Samples.event("get-order.json");

        assertThat(event.version()).isEqualTo("2.0");
        assertThat(event.routeKey()).isEqualTo("GET /orders/{orderId}");
        assertThat(event.pathParameters()).isEqualTo(Map.of("orderId", "ord-7f0c2a"));
        assertThat(event.rawPath()).isEqualTo("/orders/ord-7f0c2a");
        assertThat(event.rawQueryString()).isEqualTo("view=full&lang=en");
        assertThat(event.headers()).containsEntry("if-none-match", "\"3\"").hasSize(12);
        assertThat(event.queryStringParameters()).isEqualTo(Map.of("view", "full", "lang", "en"));
        assertThat(event.isBase64Encoded()).isFalse();
        assertThat(event.body()).isNull();
        HttpApiEvent.RequestContext context = event.requestContext();
        assertThat(context.requestId()).isEqualTo("Jq3bTgSxoAMEVzQ=");
        assertThat(context.stage()).isEqualTo("$default");
        assertThat(context.timeEpoch()).isEqualTo(1_767_225_600_000L);
        assertThat(context.http().method()).isEqualTo("GET");
        assertThat(context.http().sourceIp()).isEqualTo("203.0.113.17");
        assertThat(context.authorizer().jwt().claims()).containsEntry("sub", "user-42");
        assertThat(context.authorizer().jwt().scopes()).containsExactly("orders/read", "orders/write");
    }

    @Test
    void maps_the_iam_sample() {
        HttpApiEvent event = Samples.event("post-orders-base64-iam.json");
        assertThat(event.isBase64Encoded()).isTrue();
        HttpApiEvent.Iam iam = event.requestContext().authorizer().iam();
        assertThat(iam.userArn()).startsWith("arn:aws:sts::123456789012:assumed-role/");
        assertThat(iam.principalOrgId()).isEqualTo("o-exampleorg");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "get-order.json",
                "post-order-items.json",
                "post-orders-base64-iam.json",
                "get-order-named-stage-anonymous.json"
            })
    void event_json_round_trips(String sample) {
        HttpApiEvent event = Samples.event(sample);
        String json = ApiGatewayEvents.toJson(event);
        assertThat(ApiGatewayEvents.fromJson(json)).isEqualTo(event);
        JsonNode original = parse(Samples.json(sample));
        JsonNode written = parse(json);
        assertThat(written.path("requestContext").path("http"))
                .isEqualTo(original.path("requestContext").path("http"));
        assertThat(written.path("headers")).isEqualTo(original.path("headers"));
    }

    @Test
    void lambda_authorizer_context_is_kept() {
        String json = "{\"version\":\"2.0\",\"rawPath\":\"/\",\"requestContext\":{\"http\":{\"method\":\"GET\"},"
                + "\"authorizer\":{\"lambda\":{\"tenant\":\"t-1\",\"roles\":[\"a\"],\"n\":2}}}}";
        HttpApiEvent event = ApiGatewayEvents.fromJson(json);
        assertThat(event.requestContext().authorizer().lambda())
                .containsEntry("tenant", "t-1")
                .containsEntry("roles", List.of("a"))
                .containsEntry("n", 2);
        assertThat(ApiGatewayEvents.fromJson(ApiGatewayEvents.toJson(event))).isEqualTo(event);
    }

    @Test
    void response_json_has_the_lambda_proxy_shape_and_round_trips() {
        HttpApiResponse response = HttpResponse.status(201)
                .header("Location", "/orders/o-1")
                .json("{\"a\":1}")
                .build()
                .withCorrelationId("c-1")
                .toApiGateway();
        String json = ApiGatewayEvents.toJson(response);
        JsonNode node = parse(json);

        assertThat(node.path("statusCode").asInt()).isEqualTo(201);
        assertThat(node.path("headers").path("Location").asText()).isEqualTo("/orders/o-1");
        assertThat(node.path("headers").path("X-Correlation-Id").asText()).isEqualTo("c-1");
        assertThat(node.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(node.path("isBase64Encoded").asBoolean(true)).isFalse();
        assertThat(ApiGatewayEvents.responseFromJson(json)).isEqualTo(response);
    }

    @Test
    void non_objects_are_refused() {
        assertThatThrownBy(() -> ApiGatewayEvents.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiGatewayEvents.fromJson("{")).isInstanceOf(IllegalArgumentException.class);
    }
}
