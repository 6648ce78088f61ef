package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.ref;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.WebSocketPush;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Policies;
import dev.eventline.infrastructure.support.Policies.Statement;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Server push as deployed: the WebSocket API, its authorizer, the connections table and who may use what. */
class WebSocketPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The projector's {@code PUSH_ENDPOINT} as synthesized: the stage's https callback URL. */
    @SuppressWarnings("unchecked")
    static Object callbackUrl(Template template, ResourceNames names) {
        var projector = properties(resource(
                template, "AWS::Lambda::Function", "FunctionName", names.function(FunctionSpec.ORDERING_PROJECTOR)));
        return ((Map<String, Object>) ((Map<String, Object>) projector.get("Environment")).get("Variables"))
                .get("PUSH_ENDPOINT");
    }

    @ForEachEnvironment
    void a_websocket_api_routes_connect_default_and_disconnect_to_the_push_functions_live_alias(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        var names = synthesized.names();

        ordering.hasResourceProperties(
                "AWS::ApiGatewayV2::Api",
                Match.objectLike(Map.of(
                        "Name", names.pushApi(),
                        "ProtocolType", "WEBSOCKET",
                        "RouteSelectionExpression", "$request.body.action")));
        var routes = ordering.findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes.values().stream()
                        .map(route -> properties(route).get("RouteKey"))
                        .toList())
                .containsExactlyInAnyOrder("$connect", "$disconnect", "$default");
        String pushFunction = logicalId(
                ordering, "AWS::Lambda::Function", "FunctionName", names.function(FunctionSpec.ORDERING_PUSH));
        ordering.findResources("AWS::ApiGatewayV2::Integration")
                .values()
                .forEach(integration -> assertThat(
                                JSON.valueToTree(properties(integration).get("IntegrationUri"))
                                        .toString())
                        .as("every route is integrated with the push function's live alias")
                        .contains("PushRoutesLiveAlias"));
        assertThat(pushFunction).isNotEmpty();
        ordering.hasResourceProperties(
                "AWS::ApiGatewayV2::RouteResponse", Match.objectLike(Map.of("RouteResponseKey", "$default")));
    }

    @ForEachEnvironment
    void connect_alone_is_authorized_by_the_lambda_authorizer_reading_the_token_query_parameter(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        var names = synthesized.names();

        ordering.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Match.objectLike(Map.of(
                        "AuthorizerType",
                        "REQUEST",
                        "IdentitySource",
                        List.of(WebSocketPush.TOKEN_SOURCE),
                        "Name",
                        names.pushApi() + "-jwt")));
        var authorizers = ordering.findResources("AWS::ApiGatewayV2::Authorizer");
        assertThat(JSON.valueToTree(authorizers).toString()).contains("PushAuthorizerLiveAlias");
        var routes = ordering.findResources("AWS::ApiGatewayV2::Route");
        routes.values().forEach(route -> {
            var props = properties(route);
            assertThat(props.get("AuthorizationType"))
                    .as(String.valueOf(props.get("RouteKey")))
                    .isEqualTo(props.get("RouteKey").equals("$connect") ? "CUSTOM" : "NONE");
        });
        var jwt = (ApiAuthorization.Jwt) synthesized.config().authorization();
        ordering.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "FunctionName",
                        names.function(FunctionSpec.ORDERING_PUSH_AUTHORIZER),
                        "Handler",
                        "dev.eventline.ordering.push.ConnectAuthorizerHandler::handleRequest",
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        "JWT_ISSUER",
                                        jwt.issuer(),
                                        "JWT_AUDIENCE",
                                        String.join(",", jwt.audience())))))));
        assertThat(Policies.ofFunction(ordering, names.function(FunctionSpec.ORDERING_PUSH_AUTHORIZER)).stream()
                        .flatMap(statement -> statement.actions().stream())
                        .filter(action -> !action.startsWith("xray:")
                                && !action.startsWith("kms:")
                                && !action.startsWith("logs:"))
                        .toList())
                .as(
                        "beyond its logs and traces, the authorizer touches nothing of the stack: it reads the issuer's keys over HTTPS")
                .isEmpty();
    }

    @ForEachEnvironment
    void one_stage_auto_deploys_with_throttling_and_json_access_logs(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        var config = synthesized.config();

        ordering.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Match.objectLike(Map.of(
                        "StageName",
                        env,
                        "AutoDeploy",
                        true,
                        "DefaultRouteSettings",
                        Match.objectLike(Map.of(
                                "ThrottlingRateLimit", config.throttling().rateLimit(),
                                "ThrottlingBurstLimit", config.throttling().burstLimit())),
                        "AccessLogSettings",
                        Match.objectLike(Map.of("Format", WebSocketPush.ACCESS_LOG_FORMAT)))));
        ordering.hasResourceProperties(
                "AWS::Logs::LogGroup",
                Match.objectLike(Map.of("LogGroupName", synthesized.names().pushAccessLogGroup())));
        ordering.hasOutput(
                OrderingStack.PUSH_URL_OUTPUT,
                Match.objectLike(Map.of("Value", Match.objectLike(Map.of("Fn::Join", Match.anyValue())))));
        assertThat(ordering.findOutputs("*").values())
                .as("stacks share names, not exports")
                .allSatisfy(output -> assertThat(output).doesNotContainKey("Export"));
        for (String what :
                List.of(OrderingStack.PUSH_API_ID, OrderingStack.PUSH_CALLBACK_URL, OrderingStack.PUSH_URL)) {
            ordering.hasResourceProperties(
                    "AWS::SSM::Parameter",
                    Match.objectLike(Map.of("Name", "/eventline/" + env + "/ordering/push-" + what, "Type", "String")));
        }
        assertThat(JSON.valueToTree(ordering.findOutputs(OrderingStack.PUSH_URL_OUTPUT))
                        .toString())
                .contains("wss://")
                .contains("/" + env);
    }

    @ForEachEnvironment
    void the_deployed_console_may_open_the_push_websocket(String env) {
        var policies = Synthesized.environment(env).api().findResources("AWS::CloudFront::ResponseHeadersPolicy");

        String csp = JSON.valueToTree(policies).toString();
        if (env.equals("dev")) { // on the distribution's own name: the region's hosts, as for the HTTP API
            assertThat(csp).contains(" wss://*.execute-api.");
        } else { // with a custom domain: exactly the push API, from the Ordering stack's parameter
            assertThat(csp)
                    .contains(" {{resolve:ssm:/eventline/" + env + "/ordering/push-url}};")
                    .doesNotContain("wss://*");
        }
    }

    @ForEachEnvironment
    void the_connections_table_has_the_shape_subscriptions_uses_with_ttl_and_pitr(String env) {
        var synthesized = Synthesized.environment(env);
        var table = properties(resource(
                synthesized.ordering(),
                "AWS::DynamoDB::Table",
                "TableName",
                synthesized.names().pushConnectionsTable()));

        assertThat(JSON.valueToTree(table.get("KeySchema")).toString())
                .isEqualTo("[{\"AttributeName\":\"connectionId\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"subscription\",\"KeyType\":\"RANGE\"}]");
        assertThat(JSON.valueToTree(table.get("GlobalSecondaryIndexes")).toString())
                .contains("\"IndexName\":\"bySubscription\"")
                .contains("{\"AttributeName\":\"subscription\",\"KeyType\":\"HASH\"},"
                        + "{\"AttributeName\":\"connectionId\",\"KeyType\":\"RANGE\"}");
        assertThat(table.get("TimeToLiveSpecification"))
                .isEqualTo(Map.of("AttributeName", "expiresAt", "Enabled", true));
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        boolean customerManaged = synthesized.config().customerManagedKeys();
        assertThat(JSON.valueToTree(table.get("SSESpecification")).toString())
                .as("the context's key where it has one")
                .contains(customerManaged ? "\"SSEType\":\"KMS\"" : "\"SSEEnabled\"");
    }

    @ForEachEnvironment
    void the_projector_may_post_to_this_stages_connections_only_and_read_and_forget_subscriptions(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        var names = synthesized.names();
        String table = Policies.tableId(ordering, names.pushConnectionsTable());

        List<Statement> projector = Policies.ofFunction(ordering, names.function(FunctionSpec.ORDERING_PROJECTOR));
        var manage = projector.stream()
                .filter(s -> s.actions().contains("execute-api:ManageConnections"))
                .toList();
        assertThat(manage).singleElement().satisfies(statement -> {
            assertThat(statement.actions()).containsExactly("execute-api:ManageConnections");
            assertThat(statement.resources())
                    .contains(":execute-api:")
                    .contains("/" + env + "/POST/@connections/*")
                    .contains("\"Ref\":\"" + logicalId(ordering, "AWS::ApiGatewayV2::Api", "Name", names.pushApi()));
        });
        var onTable = projector.stream().filter(s -> s.appliesTo(table)).toList();
        assertThat(onTable.stream().flatMap(s -> s.actions().stream()).distinct())
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:DeleteItem");
        assertThat(onTable.stream().map(Statement::resources).toList())
                .noneMatch(resources -> resources.contains("index/*"));

        List<Statement> routes = Policies.ofFunction(ordering, names.function(FunctionSpec.ORDERING_PUSH));
        assertThat(routes.stream()
                        .filter(s -> s.appliesTo(table))
                        .flatMap(s -> s.actions().stream())
                        .distinct())
                .containsExactlyInAnyOrder("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query");
        assertThat(routes.stream().flatMap(s -> s.actions().stream()))
                .as("the routes answer on their own connection: no @connections access")
                .doesNotContain("execute-api:ManageConnections");
    }

    @ForEachEnvironment
    void the_accounts_projector_announces_through_the_same_api_by_its_parameters_and_nothing_wider(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template accounts = synthesized.accounts();

        List<Statement> projector = Policies.ofFunction(accounts, names.function(FunctionSpec.ACCOUNTS_PROJECTOR));
        assertThat(projector.stream()
                        .filter(s -> s.actions().contains("execute-api:ManageConnections"))
                        .toList())
                .singleElement()
                .satisfies(statement -> assertThat(statement.resources())
                        .contains("{{resolve:ssm:/eventline/" + env + "/ordering/push-api-id}}")
                        .contains("/" + env + "/POST/@connections/*"));
        var onConnections = projector.stream()
                .filter(s -> s.resources().contains(":table/" + names.pushConnectionsTable()))
                .toList();
        assertThat(onConnections.stream().flatMap(s -> s.actions().stream()).distinct())
                .containsExactlyInAnyOrder("dynamodb:Query", "dynamodb:DeleteItem");
        assertThat(onConnections.stream().map(Statement::resources))
                .allSatisfy(resources -> assertThat(resources).doesNotContain("index/*"));
        if (synthesized.config().customerManagedKeys()) {
            assertThat(JSON.valueToTree(accounts.findResources("AWS::IAM::Policy"))
                            .toString())
                    .as("the ordering context's key, by its alias")
                    .contains("\"kms:ResourceAliases\":\"" + names.contextKeyAlias("ordering") + "\"");
        }
    }

    @ForEachEnvironment
    void the_push_routes_read_account_owners_from_the_accounts_events_table_only(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();

        List<Statement> routes =
                Policies.ofFunction(synthesized.ordering(), names.function(FunctionSpec.ORDERING_PUSH));
        assertThat(routes.stream()
                        .filter(s -> s.resources().contains(":table/" + names.accountsEventsTable()))
                        .flatMap(s -> s.actions().stream()))
                .containsExactly("dynamodb:Query");
    }

    @ForEachEnvironment
    void the_projectors_push_endpoint_is_the_stages_https_callback_url(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        String api = logicalId(
                ordering, "AWS::ApiGatewayV2::Api", "Name", synthesized.names().pushApi());

        var projector = properties(resource(
                ordering,
                "AWS::Lambda::Function",
                "FunctionName",
                synthesized.names().function(FunctionSpec.ORDERING_PROJECTOR)));
        String endpoint = JSON.valueToTree(projector.get("Environment")).toString();
        assertThat(endpoint)
                .contains("\"PUSH_ENDPOINT\":{\"Fn::Join\"")
                .contains("\"https://\"," + JSON.valueToTree(ref(api)) + ",\".execute-api.\"")
                .contains("\"/" + env + "\"");
    }
}
