package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiGatewayEventsTest {

    @Test
    void maps_every_part_of_the_jwt_sample() {
        APIGatewayV2HTTPEvent event = Samples.event("get-order.json");

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /orders/{orderId}");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("orderId", "ord-7f0c2a"));
        assertThat(event.getRawPath()).isEqualTo("/orders/ord-7f0c2a");
        assertThat(event.getRawQueryString()).isEqualTo("view=full&lang=en");
        assertThat(event.getHeaders()).containsEntry("if-none-match", "\"3\"").hasSize(12);
        assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("view", "full", "lang", "en"));
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isNull();
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertThat(context.getRequestId()).isEqualTo("Jq3bTgSxoAMEVzQ=");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getTimeEpoch()).isEqualTo(1_767_225_600_000L);
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("203.0.113.17");
        assertThat(context.getAuthorizer().getJwt().getClaims()).containsEntry("sub", "user-42");
        assertThat(context.getAuthorizer().getJwt().getScopes()).containsExactly("orders/read", "orders/write");
    }

    @Test
    void maps_the_iam_sample() {
        APIGatewayV2HTTPEvent event = Samples.event("post-orders-base64-iam.json");
        assertThat(event.getIsBase64Encoded()).isTrue();
        APIGatewayV2HTTPEvent.RequestContext.IAM iam =
                event.getRequestContext().getAuthorizer().getIam();
        assertThat(iam.getUserArn()).startsWith("arn:aws:sts::123456789012:assumed-role/");
        assertThat(iam.getPrincipalOrgId()).isEqualTo("o-exampleorg");
        assertThat(iam.getCognitoIdentity()).isNull();
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
        APIGatewayV2HTTPEvent event = Samples.event(sample);
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
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.fromJson(json);
        assertThat(event.getRequestContext().getAuthorizer().getLambda())
                .containsEntry("tenant", "t-1")
                .containsEntry("roles", List.of("a"))
                .containsEntry("n", 2);
        assertThat(ApiGatewayEvents.fromJson(ApiGatewayEvents.toJson(event))).isEqualTo(event);
    }

    @Test
    void response_json_has_the_lambda_proxy_shape_and_round_trips() {
        APIGatewayV2HTTPResponse response = HttpResponse.status(201)
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
