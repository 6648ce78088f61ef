package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiThrottling;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EventlineHttpApiTest {

    private static Template apiWith(ApiAuthorization authorization, List<String> findings) {
        var stack = TestStacks.newStack();
        var api = new EventlineHttpApi(
                stack,
                "Api",
                EventlineHttpApi.Props.builder()
                        .apiName("eventline-test-api")
                        .authorization(authorization)
                        .throttling(new ApiThrottling(10, 20))
                        .accessLogGroupName("/test/access")
                        .alerting(TestStacks.alerting(stack))
                        .build());
        var handler = new EventlineFunction(
                stack,
                "Handler",
                TestStacks.function(FunctionSpec.ORDERING_QUERY_API).build());
        api.addRoutes("Queries", handler.alias(), List.of(ApiRoute.get("/orders/{orderId}"), ApiRoute.post("/orders")));
        var template = Template.fromStack(stack);
        findings.addAll(TestStacks.findings(stack));
        return template;
    }

    @Test
    void routes_require_iam_and_the_stage_is_throttled_and_logged() {
        var findings = new java.util.ArrayList<String>();
        var template = apiWith(new ApiAuthorization.Iam(), findings);
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Route",
                Match.objectLike(Map.of("RouteKey", "GET /orders/{orderId}", "AuthorizationType", "AWS_IAM")));
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Route",
                Match.objectLike(Map.of("RouteKey", "POST /orders", "AuthorizationType", "AWS_IAM")));
        template.resourceCountIs("AWS::ApiGatewayV2::Integration", 1);
        // every other method of each path reaches the same function, whose router answers 405 with Allow
        for (String any : List.of("ANY /orders/{orderId}", "ANY /orders")) {
            template.hasResourceProperties(
                    "AWS::ApiGatewayV2::Route",
                    Match.objectLike(Map.of("RouteKey", any, "AuthorizationType", "AWS_IAM")));
        }
        template.resourceCountIs("AWS::ApiGatewayV2::Route", 4);
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Match.objectLike(Map.of(
                        "StageName", "$default",
                        "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20),
                        "AccessLogSettings", Match.objectLike(Map.of("Format", EventlineHttpApi.ACCESS_LOG_FORMAT)))));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of("AlarmName", "eventline-test-api-5xx-rate", "Threshold", 0.1)));
        assertThat(findings).isEmpty();
    }

    @Test
    void jwt_authorization_checks_issuer_and_audience() {
        var findings = new java.util.ArrayList<String>();
        var template = apiWith(new ApiAuthorization.Jwt("https://issuer.example", List.of("aud-1", "aud-2")), findings);
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Match.objectLike(Map.of(
                        "AuthorizerType", "JWT",
                        "Name", "eventline-test-api-jwt",
                        "JwtConfiguration",
                                Map.of("Issuer", "https://issuer.example", "Audience", List.of("aud-1", "aud-2")))));
        template.hasResourceProperties(
                "AWS::ApiGatewayV2::Route",
                Match.objectLike(Map.of("RouteKey", "POST /orders", "AuthorizationType", "JWT")));
        assertThat(findings).isEmpty();
    }
}
