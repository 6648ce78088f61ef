package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Policies;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, FunctionSpec> ROUTES = Map.ofEntries(
            Map.entry("POST /orders", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("POST /orders/{orderId}/items", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("DELETE /orders/{orderId}/items/{sku}", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("DELETE /customers/{customerId}/personal-data", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("POST /orders/{orderId}/confirm", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("POST /orders/{orderId}/pay", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("POST /orders/{orderId}/ship", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("POST /orders/{orderId}/deliver", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("POST /orders/{orderId}/cancel", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("GET /orders/{orderId}", FunctionSpec.ORDERING_QUERY_API),
            Map.entry("GET /orders/{orderId}/events", FunctionSpec.ORDERING_QUERY_API),
            Map.entry("GET /customers/{customerId}/orders", FunctionSpec.ORDERING_QUERY_API),
            Map.entry("POST /accounts", FunctionSpec.ACCOUNTS_API),
            Map.entry("POST /accounts/{accountId}/deposits", FunctionSpec.ACCOUNTS_API),
            Map.entry("POST /accounts/{accountId}/withdrawals", FunctionSpec.ACCOUNTS_API),
            Map.entry("PUT /accounts/{accountId}/overdraft-limit", FunctionSpec.ACCOUNTS_API),
            Map.entry("POST /accounts/{accountId}/freeze", FunctionSpec.ACCOUNTS_API),
            Map.entry("POST /accounts/{accountId}/unfreeze", FunctionSpec.ACCOUNTS_API),
            Map.entry("POST /accounts/{accountId}/close", FunctionSpec.ACCOUNTS_API),
            Map.entry("GET /accounts/{accountId}", FunctionSpec.ACCOUNTS_API),
            Map.entry("GET /accounts/{accountId}/statement", FunctionSpec.ACCOUNTS_API),
            Map.entry("GET /accounts/{accountId}/balance-history", FunctionSpec.ACCOUNTS_API),
            Map.entry("GET /owners/{ownerId}/accounts", FunctionSpec.ACCOUNTS_API),
            Map.entry("DELETE /owners/{ownerId}/personal-data", FunctionSpec.ACCOUNTS_API),
            Map.entry("GET /explorer/streams/{streamId}/events", FunctionSpec.EXPLORER_API),
            Map.entry("GET /explorer/consumers", FunctionSpec.EXPLORER_API),
            Map.entry("GET /explorer/dead-letters", FunctionSpec.EXPLORER_API),
            Map.entry("POST /explorer/dead-letters/{queue}/redrive", FunctionSpec.EXPLORER_API));

    /** Every other method on a path reaches the function too, whose router answers 405 with Allow. */
    private static final Map<String, FunctionSpec> ANY_ROUTES = Map.ofEntries(
            Map.entry("ANY /orders", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/items", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/items/{sku}", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /customers/{customerId}/personal-data", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/confirm", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/pay", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/ship", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/deliver", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}/cancel", FunctionSpec.ORDERING_COMMAND_API),
            Map.entry("ANY /orders/{orderId}", FunctionSpec.ORDERING_QUERY_API),
            Map.entry("ANY /orders/{orderId}/events", FunctionSpec.ORDERING_QUERY_API),
            Map.entry("ANY /customers/{customerId}/orders", FunctionSpec.ORDERING_QUERY_API),
            Map.entry("ANY /accounts", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/deposits", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/withdrawals", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/overdraft-limit", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/freeze", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/unfreeze", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/close", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/statement", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /accounts/{accountId}/balance-history", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /owners/{ownerId}/accounts", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /owners/{ownerId}/personal-data", FunctionSpec.ACCOUNTS_API),
            Map.entry("ANY /explorer/streams/{streamId}/events", FunctionSpec.EXPLORER_API),
            Map.entry("ANY /explorer/consumers", FunctionSpec.EXPLORER_API),
            Map.entry("ANY /explorer/dead-letters", FunctionSpec.EXPLORER_API),
            Map.entry("ANY /explorer/dead-letters/{queue}/redrive", FunctionSpec.EXPLORER_API));

    private static FunctionSpec target(String routeKey) {
        return ROUTES.containsKey(routeKey) ? ROUTES.get(routeKey) : ANY_ROUTES.get(routeKey);
    }

    @ForEachEnvironment
    void everyRouteReachesTheLiveAliasOfItsFunctionBehindTheAuthorizer(String env) {
        var synthesized = Synthesized.environment(env);
        Template api = synthesized.api();
        Map<String, Map<String, Object>> routes = api.findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes.values().stream().map(route -> properties(route).get("RouteKey")))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(ROUTES.keySet().stream(), ANY_ROUTES.keySet().stream())
                                .toList());
        boolean iam = synthesized.config().authorization() instanceof ApiAuthorization.Iam;
        for (Map<String, Object> route : routes.values()) {
            var properties = properties(route);
            String routeKey = (String) properties.get("RouteKey");
            assertThat(properties.get("AuthorizationType")).as(routeKey).isEqualTo(iam ? "AWS_IAM" : "JWT");
            String integration = targetIntegration(properties);
            JsonNode uri = JSON.valueToTree(properties(
                            api.findResources("AWS::ApiGatewayV2::Integration").get(integration))
                    .get("IntegrationUri"));
            if (target(routeKey) == FunctionSpec.EXPLORER_API) {
                // the explorer is this stack's own function: its alias by reference
                assertThat(uri.path("Ref").asText()).as(routeKey).isEqualTo(explorerAlias(api));
                assertThat(properties.get("AuthorizationScopes"))
                        .as(routeKey)
                        .isEqualTo(iam ? null : List.of(ApiRoutes.STAFF_SCOPE));
            } else {
                assertThat(uri.toString())
                        .as(routeKey)
                        .endsWith(":function:" + synthesized.names().function(target(routeKey)) + ":live\"]]}");
            }
        }
    }

    private static String explorerAlias(Template api) {
        return api.findResources("AWS::Lambda::Alias").entrySet().stream()
                .filter(alias -> properties(alias.getValue()).get("Name").equals("live"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static String targetIntegration(Map<String, Object> routeProperties) {
        JsonNode target = JSON.valueToTree(routeProperties.get("Target"));
        return target.path("Fn::Join").path(1).path(1).path("Ref").asText();
    }

    @ForEachEnvironment
    void staffOnlyRoutesRequireTheStaffScopeAndNoOtherRouteRequiresOne(String env) {
        Template api = Synthesized.environment(env).api();
        Set<String> staffOnly = Set.of(
                "POST /orders/{orderId}/ship",
                "POST /orders/{orderId}/deliver",
                "POST /accounts/{accountId}/freeze",
                "POST /accounts/{accountId}/unfreeze");
        for (Map<String, Object> route :
                api.findResources("AWS::ApiGatewayV2::Route").values()) {
            var properties = properties(route);
            String routeKey = (String) properties.get("RouteKey");
            // every method of a staff-only path needs the scope too (ANY included): a 405 tells nothing then
            String path = routeKey.substring(routeKey.indexOf(' ') + 1);
            if (staffOnly.stream().anyMatch(staff -> staff.endsWith(" " + path)) || path.startsWith("/explorer/")) {
                assertThat(properties.get("AuthorizationScopes")).as(routeKey).isEqualTo(List.of("eventline/staff"));
            } else {
                assertThat(properties).as(routeKey).doesNotContainKey("AuthorizationScopes");
            }
        }
    }

    @ForEachEnvironment
    void everyEnvironmentRequiresJwtsFromTheConfiguredIssuer(String env) {
        var synthesized = Synthesized.environment(env);
        Template api = synthesized.api();
        switch (synthesized.config().authorization()) {
            case ApiAuthorization.Iam iam -> throw new AssertionError(env + " must authenticate callers by JWT");
            case ApiAuthorization.Jwt jwt -> {
                assertThat(jwt.issuer())
                        .isEqualTo(
                                env.equals("dev")
                                        ? "https://auth.eventline.example/dev"
                                        : dev.eventline.infrastructure.support.Synthesized.JWT_ISSUER);
                assertThat(jwt.audience()).containsExactly("eventline-" + env + "-api");
                api.hasResourceProperties(
                        "AWS::ApiGatewayV2::Authorizer",
                        Match.objectLike(Map.of(
                                "AuthorizerType", "JWT",
                                "IdentitySource", List.of("$request.header.Authorization"),
                                "JwtConfiguration", Map.of("Issuer", jwt.issuer(), "Audience", jwt.audience()))));
            }
        }
    }

    @ForEachEnvironment
    void theDefaultStageIsThrottledAndWritesJsonAccessLogs(String env) throws Exception {
        var synthesized = Synthesized.environment(env);
        Template api = synthesized.api();
        String logGroup = logicalId(
                api, "AWS::Logs::LogGroup", "LogGroupName", synthesized.names().apiAccessLogGroup());
        var throttling = synthesized.config().throttling();
        api.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Match.objectLike(Map.of(
                        "StageName",
                        "$default",
                        "AutoDeploy",
                        true,
                        "DefaultRouteSettings",
                        Map.of(
                                "ThrottlingRateLimit", throttling.rateLimit(),
                                "ThrottlingBurstLimit", throttling.burstLimit()),
                        "AccessLogSettings",
                        Match.objectLike(Map.of("DestinationArn", Map.of("Fn::GetAtt", List.of(logGroup, "Arn")))))));
        var stage = properties(api.findResources("AWS::ApiGatewayV2::Stage")
                .values()
                .iterator()
                .next());
        @SuppressWarnings("unchecked")
        String format = (String) ((Map<String, Object>) stage.get("AccessLogSettings")).get("Format");
        JsonNode line = JSON.readTree(format);
        assertThat(line.properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("requestId", "ip", "routeKey", "status", "latency", "integrationError");
        api.hasResourceProperties(
                "AWS::ApiGatewayV2::Api",
                Match.objectLike(Map.of("Name", synthesized.names().httpApi(), "ProtocolType", "HTTP")));
    }

    @ForEachEnvironment
    void the_waiting_reads_and_erasure_have_their_own_tighter_route_throttles(String env) {
        var synthesized = Synthesized.environment(env);
        Template api = synthesized.api();
        var routes = synthesized.config().throttling().routes();
        assertThat(routes).isNotEmpty();
        var expected = new java.util.LinkedHashMap<String, Object>();
        routes.forEach((routeKey, limit) -> expected.put(
                routeKey,
                Map.of("ThrottlingRateLimit", limit.rateLimit(), "ThrottlingBurstLimit", limit.burstLimit())));
        api.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of("RouteSettings", expected)));
        // CloudFormation refuses route settings for a route it has not created yet
        var stage = api.findResources("AWS::ApiGatewayV2::Stage")
                .values()
                .iterator()
                .next();
        @SuppressWarnings("unchecked")
        var dependsOn = (List<String>) stage.get("DependsOn");
        for (String routeKey : routes.keySet()) {
            assertThat(dependsOn)
                    .as(routeKey)
                    .contains(logicalId(api, "AWS::ApiGatewayV2::Route", "RouteKey", routeKey));
        }
    }

    @ForEachEnvironment
    void apiGatewayMayInvokeOnlyTheLiveAliases(String env) {
        var synthesized = Synthesized.environment(env);
        var permissions = synthesized.api().findResources("AWS::Lambda::Permission");
        assertThat(permissions).hasSize(ROUTES.size() + ANY_ROUTES.size());
        permissions.values().forEach(permission -> {
            var properties = properties(permission);
            assertThat(properties)
                    .containsEntry("Principal", "apigateway.amazonaws.com")
                    .containsEntry("Action", "lambda:InvokeFunction");
            JsonNode function = JSON.valueToTree(properties.get("FunctionName"));
            assertThat(function.has("Ref") ? function.path("Ref").asText() : function.toString())
                    .satisfiesAnyOf(
                            name -> assertThat(name).endsWith(":live\"]]}"),
                            name -> assertThat(name).isEqualTo(explorerAlias(synthesized.api())));
        });
    }

    @ForEachEnvironment
    void the_explorer_may_use_the_context_keys_that_encrypt_what_it_reads(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        List<String> keyConditions =
                Policies.ofFunction(synthesized.api(), names.function(FunctionSpec.EXPLORER_API)).stream()
                        .filter(statement -> statement.actions().contains("kms:Decrypt"))
                        .map(Policies.Statement::conditions)
                        .toList();
        if (synthesized.config().customerManagedKeys()) {
            assertThat(keyConditions)
                    .hasSize(2)
                    .anySatisfy(c -> assertThat(c).contains(names.contextKeyAlias("ordering")))
                    .anySatisfy(c -> assertThat(c).contains(names.contextKeyAlias("accounts")));
        } else {
            assertThat(keyConditions).as("AWS-owned keys: nothing to grant").isEmpty();
        }
    }
}
