package dev.eventline.infrastructure.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.WebSocketLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApi;
import software.amazon.awscdk.services.apigatewayv2.WebSocketApiProps;
import software.amazon.awscdk.services.apigatewayv2.WebSocketRouteOptions;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStage;
import software.amazon.awscdk.services.apigatewayv2.WebSocketStageProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Server push in AWS: an API Gateway WebSocket API whose {@code $connect} is authorized by a Lambda
 * REQUEST authorizer reading the JWT from the {@code token} query parameter (a browser cannot set
 * headers on a WebSocket), every route ({@code $connect}, {@code $disconnect}, {@code $default} with
 * its response returned to the client) integrated with the push function's live alias; one
 * auto-deployed, throttled stage with JSON access logs; and the connections table
 * ({@code Subscriptions}: partition {@code connectionId}, sort {@code subscription}, GSI
 * {@value #BY_SUBSCRIPTION} by {@code subscription}, TTL {@value #EXPIRES_AT}, PITR; encrypted with
 * the context's key where the stack has one, by {@link ContextEncryption}'s aspect).
 *
 * <p>Notifiers (projectors) get {@link #grantAnnounce}: {@code execute-api:ManageConnections} on
 * this stage's {@code @connections} only, Query of the table and its index, and DeleteItem (a gone
 * connection is forgotten), with {@link #callbackUrl()} as their {@code PUSH_ENDPOINT}.
 */
public final class WebSocketPush extends Construct {

    public static final String CONNECTION_ID = "connectionId";
    public static final String SUBSCRIPTION = "subscription";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String BY_SUBSCRIPTION = "bySubscription";
    /** The query parameter holding the JWT on {@code $connect}. */
    public static final String TOKEN_SOURCE = "route.request.querystring.token";

    /** The access log line: one JSON object per connect, message and disconnect. */
    public static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"ip\":\"$context.identity.sourceIp\","
            + "\"connectionId\":\"$context.connectionId\","
            + "\"eventType\":\"$context.eventType\","
            + "\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\","
            + "\"principal\":\"$context.authorizer.principalId\","
            + "\"authorizerError\":\"$context.authorizer.error\","
            + "\"integrationError\":\"$context.integrationErrorMessage\"}";

    private final Table table;
    private final WebSocketApi api;
    private final WebSocketStage stage;
    private final EventlineFunction routes;
    private final EventlineFunction authorizer;

    public WebSocketPush(Construct scope, String id, Props props) {
        super(scope, id);
        this.routes = props.routes();
        this.authorizer = props.authorizer();
        this.table = DurableTable.create(
                this,
                props.connectionsTableName(),
                stringKey(CONNECTION_ID),
                stringKey(SUBSCRIPTION),
                EXPIRES_AT,
                null,
                new DurableTable.Durability(props.removalPolicy(), props.deletionProtection()));
        // ALL: the items are a few short strings each, and the notifier reads expiresAt from the index
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(BY_SUBSCRIPTION)
                .partitionKey(stringKey(SUBSCRIPTION))
                .sortKey(stringKey(CONNECTION_ID))
                .projectionType(ProjectionType.ALL)
                .build());

        var integration =
                new WebSocketLambdaIntegration("PushRoutes", props.routes().alias());
        this.api = new WebSocketApi(
                this,
                "Api",
                WebSocketApiProps.builder()
                        .apiName(props.apiName())
                        .description("Eventline server push: subscribe to streams, receive a message per new version")
                        .connectRouteOptions(WebSocketRouteOptions.builder()
                                .integration(integration)
                                .authorizer(new WebSocketLambdaAuthorizer(
                                        "ConnectAuthorizer",
                                        props.authorizer().alias(),
                                        WebSocketLambdaAuthorizerProps.builder()
                                                .authorizerName(props.apiName() + "-jwt")
                                                .identitySource(List.of(TOKEN_SOURCE))
                                                .build()))
                                .build())
                        .disconnectRouteOptions(WebSocketRouteOptions.builder()
                                .integration(integration)
                                .build())
                        .defaultRouteOptions(WebSocketRouteOptions.builder()
                                .integration(integration)
                                .returnResponse(true)
                                .build())
                        .build());
        var accessLogs = new LogGroup(
                this,
                "AccessLogs",
                LogGroupProps.builder()
                        .logGroupName(props.accessLogGroupName())
                        .retention(props.logRetention())
                        .removalPolicy(props.removalPolicy())
                        .build());
        this.stage = new WebSocketStage(
                this,
                "Stage",
                WebSocketStageProps.builder()
                        .webSocketApi(api)
                        .stageName(props.stageName())
                        .autoDeploy(true)
                        .throttle(ThrottleSettings.builder()
                                .rateLimit(props.rateLimit())
                                .burstLimit(props.burstLimit())
                                .build())
                        .accessLogSettings(
                                new JsonAccessLogs(new LogGroupLogDestination(accessLogs), ACCESS_LOG_FORMAT))
                        .build());
        // API Gateway authorizes a WebSocket connection once, on $connect; the later routes of the
        // connection cannot carry an authorizer and run as the principal $connect returned
        api.getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().endsWith("-Route"))
                .filter(child -> !child.getNode().getId().startsWith("$connect"))
                .forEach(route -> NagSuppressions.addResourceSuppressions(
                        route,
                        List.of(NagPackSuppression.builder()
                                .id("AwsSolutions-APIG4")
                                .reason("WebSocket APIs authorize only $connect (here a Lambda authorizer checking the"
                                        + " JWT); $default and $disconnect belong to an authorized connection and"
                                        + " run as its principal")
                                .build()),
                        true));
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    /** The push function: store and remove subscriptions (PutItem, DeleteItem, Query on the table). */
    public void grantSubscribe(IGrantable grantee) {
        grantOnTable(
                grantee, List.of(table.getTableArn()), "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query");
    }

    /**
     * A notifier: find a key's connections (Query, table and index), forget a gone one (DeleteItem),
     * and post to connections of this stage ({@code POST @connections/{id}}).
     */
    public void grantAnnounce(IGrantable grantee) {
        grantAnnounce(this, grantee, table.getTableArn(), api.getApiId(), stage.getStageName());
    }

    /**
     * {@link #grantAnnounce(IGrantable)} for a notifier in another stack, which knows the table by name
     * and the API by an imported id.
     */
    public static void grantAnnounce(
            Construct scope, IGrantable grantee, String tableArn, String apiId, String stageName) {
        grantOnTable(grantee, List.of(tableArn), "dynamodb:Query", "dynamodb:DeleteItem");
        grantOnTable(grantee, List.of(tableArn + "/index/" + BY_SUBSCRIPTION), "dynamodb:Query");
        grantManageConnections(scope, grantee, apiId, stageName);
    }

    /** Named ARNs, not the table's grant: that one adds {@code index/*}, and one index is all there is. */
    private static void grantOnTable(IGrantable grantee, List<String> arns, String... actions) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of(actions))
                .resourceArns(arns)
                .build());
    }

    /**
     * {@code execute-api:ManageConnections} on {@code <api>/<stage>/POST/@connections/*} of this stage:
     * connection ids are made at run time, so the statement names them by pattern, nothing wider.
     */
    private static void grantManageConnections(Construct scope, IGrantable grantee, String apiId, String stageName) {
        String connections = Stack.of(scope)
                .formatArn(ArnComponents.builder()
                        .service("execute-api")
                        .resource(apiId)
                        .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                        .resourceName(stageName + "/POST/@connections/*")
                        .build());
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("execute-api:ManageConnections"))
                .resourceArns(List.of(connections))
                .build());
        NagSuppressions.addResourceSuppressions(
                grantee.getGrantPrincipal(),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("WebSocket connection ids are made by API Gateway at run time: the wildcard is the"
                                + " connection id of POST @connections on the push API's stage, nothing wider")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::arn:.*:execute-api:.*\\/" + stageName
                                        + "\\/POST\\/@connections\\/\\*$/")
                                .build()))
                        .build()),
                true);
    }

    public EventlineFunction routes() {
        return routes;
    }

    public EventlineFunction authorizer() {
        return authorizer;
    }

    public ITable table() {
        return table;
    }

    public WebSocketApi api() {
        return api;
    }

    public WebSocketStage stage() {
        return stage;
    }

    /** {@code wss://<api>.execute-api.<region>.<suffix>/<stage>}: what clients connect to. */
    public String url() {
        return stage.getUrl();
    }

    /** {@code https://<api>.execute-api.<region>.<suffix>/<stage>}: a notifier's {@code PUSH_ENDPOINT}. */
    public String callbackUrl() {
        return stage.getCallbackUrl();
    }

    /**
     * @param apiName              physical name of the WebSocket API (required)
     * @param stageName            the stage, part of the URL (required)
     * @param connectionsTableName physical name of the connections table (required)
     * @param accessLogGroupName   physical name of the stage's access log group (required)
     * @param routes               the function behind $connect, $default and $disconnect (required)
     * @param authorizer           the $connect authorizer function (required)
     * @param rateLimit            stage steady-state requests per second (messages and connects)
     * @param burstLimit           stage burst
     * @param logRetention         of the access logs (required)
     * @param removalPolicy        of the table and the log group (required)
     * @param deletionProtection   of the table
     */
    public record Props(
            String apiName,
            String stageName,
            String connectionsTableName,
            String accessLogGroupName,
            EventlineFunction routes,
            EventlineFunction authorizer,
            double rateLimit,
            int burstLimit,
            RetentionDays logRetention,
            RemovalPolicy removalPolicy,
            boolean deletionProtection) {
        public Props {
            Objects.requireNonNull(apiName, "apiName");
            Objects.requireNonNull(stageName, "stageName");
            Objects.requireNonNull(connectionsTableName, "connectionsTableName");
            Objects.requireNonNull(accessLogGroupName, "accessLogGroupName");
            Objects.requireNonNull(routes, "routes");
            Objects.requireNonNull(authorizer, "authorizer");
            Objects.requireNonNull(logRetention, "logRetention");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }
}
