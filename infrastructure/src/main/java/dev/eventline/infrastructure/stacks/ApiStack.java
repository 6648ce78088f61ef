package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.ConsoleHosting;
import dev.eventline.infrastructure.constructs.ContextEncryption;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.EventlineHttpApi;
import dev.eventline.infrastructure.constructs.OperationsDashboard;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The edge and the overview: the HTTP API routing to the {@code live} aliases of the context
 * functions (referenced by name, so the context stacks export nothing), the staff-only explorer
 * function behind the event explorer console, and the environment's dashboard, which needs the API
 * id and addresses everything else by name.
 */
public final class ApiStack extends Stack {

    private final EventlineHttpApi api;
    private final OperationsDashboard dashboard;
    private final EventlineFunction explorer;
    private final ConsoleHosting console;

    public ApiStack(Construct scope, String id, Deployment deployment) {
        super(scope, id, deployment.stackProps("Eventline HTTP API and operations dashboard"));
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();
        Alerting alerting = deployment.alerting(this);

        this.api = new EventlineHttpApi(
                this,
                "HttpApi",
                EventlineHttpApi.Props.builder()
                        .apiName(names.httpApi())
                        .authorization(config.authorization())
                        .throttling(config.throttling())
                        .accessLogGroupName(names.apiAccessLogGroup())
                        .logRetention(config.logRetention())
                        .removalPolicy(config.removalPolicy())
                        .alerting(alerting)
                        .build());
        api.addRoutes("OrderingCommands", live(names, FunctionSpec.ORDERING_COMMAND_API), ApiRoutes.ORDERING_COMMANDS);
        api.addRoutes("OrderingQueries", live(names, FunctionSpec.ORDERING_QUERY_API), ApiRoutes.ORDERING_QUERIES);
        api.addRoutes("Accounts", live(names, FunctionSpec.ACCOUNTS_API), ApiRoutes.ACCOUNTS);

        // The explorer reads every context's events, so it belongs to no context stack; it lives at the edge
        // it serves, and its routes admit staff only (a JWT with the staff scope, or IAM permission to invoke them)
        this.explorer = new EventlineFunction(
                this,
                "Explorer",
                deployment
                        .function(FunctionSpec.EXPLORER_API, alerting)
                        .environment("ORDERING_EVENTS_TABLE", names.orderingEventsTable())
                        .environment("ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable())
                        .environment("ORDER_SUMMARY_TABLE", names.orderSummaryTable())
                        .environment("PUBLISHER_CHECKPOINTS_TABLE", names.orderingPublisherCheckpointsTable())
                        .environment("PROJECTOR_FUNCTION", names.function(FunctionSpec.ORDERING_PROJECTOR))
                        .environment("PROJECTOR_DLQ", names.orderingProjectorDlq())
                        .environment("PUBLISHER_FUNCTION", names.function(FunctionSpec.ORDERING_PUBLISHER))
                        .environment("PUBLISHER_DLQ", names.orderingPublisherDlq())
                        .environment("SHIPPING_QUEUE", names.shippingNotificationsQueue())
                        .environment("SHIPPING_DLQ", names.shippingNotificationsDlq())
                        .environment("SHIPPING_RULE_DLQ", names.shippingRuleDlq())
                        .environment("EVENT_BUS_NAME", names.eventBus())
                        .environment("EVENT_ARCHIVE_NAME", names.eventArchive())
                        .build());
        // the chaser is one of the explorer's consumers only where the snapshot strategy deploys it
        boolean chaser = config.deployedFunctions().contains(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER);
        if (chaser) {
            explorer.addEnvironment("SNAPSHOT_CHASER_FUNCTION", names.function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER));
            explorer.addEnvironment("SNAPSHOT_CHASER_DLQ", names.accountsSnapshotChaserDlq());
        }
        grantExplorer(names, chaser);
        if (config.customerManagedKeys()) {
            // in staging and prod the tables and queues it reads are encrypted with their context's key
            for (String context : List.of("ordering", "accounts")) {
                ContextEncryption.grantUseByAlias(
                        this,
                        explorer.grantee(),
                        names.contextKeyAlias(context),
                        "the explorer reads " + context + "'s events, checkpoints and dead letters");
            }
        }
        api.addRoutes("Explorer", explorer.alias(), ApiRoutes.EXPLORER);

        this.console = console(config, deployment.names());

        this.dashboard = new OperationsDashboard(
                this,
                "Operations",
                OperationsDashboard.Props.builder()
                        .dashboardName(names.dashboard())
                        .api(api.api())
                        .metricsNamespace(config.metricsNamespace())
                        .projectorService(FunctionSpec.ORDERING_PROJECTOR.service())
                        .publisherService(FunctionSpec.ORDERING_PUBLISHER.service())
                        .commandFunctions(List.of(
                                names.function(FunctionSpec.ORDERING_COMMAND_API),
                                names.function(FunctionSpec.ACCOUNTS_API)))
                        .functions(config.deployedFunctions().stream()
                                .map(names::function)
                                .toList())
                        .deadLetterQueues(deadLetterQueues(names, chaser))
                        .build());
    }

    /**
     * The console's files behind CloudFront, calling this API: its origin is the API's only CORS
     * origin. With a custom domain both sides are known names; on the distribution's own name (dev)
     * the API's CORS needs the distribution, so the console's CSP names the region's API hosts
     * rather than this API (naming both would be a dependency cycle).
     */
    private ConsoleHosting console(EnvironmentConfig config, ResourceNames names) {
        // and the push API's wss:// URL (Ordering stack's parameter) where the console names its API exactly,
        // the region's WebSocket hosts where it cannot
        String apiSource = config.console().domain().isPresent()
                ? api.api().getApiEndpoint() + " " + names.pushParameterValue(OrderingStack.PUSH_URL)
                : "https://*.execute-api." + getRegion() + "." + getUrlSuffix() + " wss://*.execute-api." + getRegion()
                        + "." + getUrlSuffix();
        var hosting = new ConsoleHosting(
                this,
                "Console",
                new ConsoleHosting.Props(
                        apiSource,
                        config.console().priceClass(),
                        config.console().domain(),
                        Optional.of(config.console().countries()),
                        config.console().accessLogDays(),
                        config.removalPolicy()));
        api.allowBrowserOrigin(hosting.origin());
        // what make deploy-console reads: where the files go, what config.json says, what to invalidate
        output("ConsoleBucket", hosting.bucket().getBucketName(), "bucket of the console's files (under console/)");
        output(
                "ConsoleDistributionId",
                hosting.distribution().getDistributionId(),
                "CloudFront distribution of the console");
        output("ConsoleUrl", hosting.origin() + "/", "where the console is served");
        output("ApiUrl", api.api().getApiEndpoint(), "the HTTP API the console calls");
        switch (config.authorization()) {
            case ApiAuthorization.Jwt jwt -> {
                output("ApiAuthorization", "jwt", "the API takes bearer JWTs");
                output("JwtIssuer", jwt.issuer(), "issuer of the bearer tokens the API accepts");
                output("JwtAudience", String.join(",", jwt.audience()), "audiences the API accepts");
            }
            case ApiAuthorization.Iam iam -> output("ApiAuthorization", "iam", "the API takes SigV4-signed requests");
        }
        return hosting;
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /**
     * What the explorer reads and does, each on the named resources only: events (point reads, queries,
     * and the scan of stream heads consumer lag needs), the consumers' checkpoints, the dead-letter
     * queues (read, delete once redriven, move back), and the consumers' live aliases (redrive).
     */
    private static List<String> deadLetterQueues(ResourceNames names, boolean chaser) {
        return Stream.of(
                        Optional.of(names.orderingProjectorDlq()),
                        Optional.of(names.orderingPublisherDlq()),
                        Optional.of(names.accountsSnapshotChaserDlq()).filter(dlq -> chaser),
                        Optional.of(names.shippingNotificationsDlq()),
                        Optional.of(names.shippingRuleDlq()))
                .flatMap(Optional::stream)
                .toList();
    }

    private void grantExplorer(ResourceNames names, boolean chaser) {
        IGrantable grantee = explorer.grantee();
        for (String table : List.of(names.orderingEventsTable(), names.accountsEventsTable())) {
            Table.fromTableName(this, "Explorer-" + table, table)
                    .grant(grantee, "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan");
        }
        for (String table : List.of(names.orderSummaryTable(), names.orderingPublisherCheckpointsTable())) {
            Table.fromTableName(this, "Explorer-" + table, table)
                    .grant(grantee, "dynamodb:GetItem", "dynamodb:BatchGetItem");
        }
        for (String dlq : deadLetterQueues(names, chaser)) {
            queue(dlq)
                    .grant(
                            grantee,
                            "sqs:ReceiveMessage",
                            "sqs:DeleteMessage",
                            "sqs:ChangeMessageVisibility",
                            "sqs:GetQueueAttributes",
                            "sqs:GetQueueUrl");
        }
        queue(names.shippingNotificationsQueue()).grant(grantee, "sqs:SendMessage", "sqs:GetQueueUrl");
        // the live aliases themselves, not grantInvoke's "alias:*" (no version of an alias to reach)
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("lambda:InvokeFunction"))
                        .resources(Stream.of(
                                        FunctionSpec.ORDERING_PROJECTOR,
                                        FunctionSpec.ORDERING_PUBLISHER,
                                        FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)
                                .filter(consumer -> chaser || consumer != FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)
                                .map(consumer -> live(names, consumer).getFunctionArn())
                                .toList())
                        .build());
    }

    private IQueue queue(String name) {
        String arn =
                formatArn(ArnComponents.builder().service("sqs").resource(name).build());
        return Queue.fromQueueArn(this, "Explorer-" + name, arn);
    }

    private software.amazon.awscdk.services.lambda.IFunction live(ResourceNames names, FunctionSpec spec) {
        String name = names.function(spec);
        return PlatformImports.liveAlias(this, spec.service() + "-live", name);
    }

    public EventlineHttpApi api() {
        return api;
    }

    public EventlineFunction explorer() {
        return explorer;
    }

    public ConsoleHosting console() {
        return console;
    }

    public OperationsDashboard dashboard() {
        return dashboard;
    }
}
