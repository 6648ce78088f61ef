package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.ConsistencyTokenKey;
import dev.eventline.infrastructure.constructs.ContextEncryption;
import dev.eventline.infrastructure.constructs.EventSourcedContext;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.PersonalDataKeys;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import dev.eventline.infrastructure.constructs.StreamConsumer;
import dev.eventline.infrastructure.constructs.TableAccess;
import dev.eventline.infrastructure.constructs.WebSocketPush;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.CfnEventBusPolicy;
import software.amazon.awscdk.services.events.CfnEventBusPolicyProps;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.amazon.awscdk.services.ssm.StringParameterProps;
import software.constructs.Construct;

/**
 * The ordering context: its event store, command and query functions, the projector maintaining
 * three read models, the publisher forwarding events to the bus, and the shipping notifications
 * policy fed by the bus.
 */
public final class OrderingStack extends Stack {

    private final EventSourcedContext context;
    private final EventlineFunction commandApi;
    private final EventlineFunction queryApi;
    private final StreamConsumer projector;
    private final StreamConsumer publisher;
    private final ConsistencyVerifier verifier;
    private final DistributedRebuild distributedRebuild;
    private final ShippingNotifications shipping;
    private final OperatorRole operator;
    private final WebSocketPush push;

    public OrderingStack(Construct scope, String id, Deployment deployment) {
        super(
                scope,
                id,
                deployment.stackProps(
                        "Eventline ordering: event store, commands, queries, projections, publisher, shipping notifications"));
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();
        Alerting alerting = deployment.alerting(this);
        IEventBus bus = PlatformImports.eventBus(this, names);

        this.context = new EventSourcedContext(
                this,
                "Ordering",
                deployment.context(names.orderingEventsTable(), names.orderingIdempotencyTable(), alerting));
        String events = context.events().table().getTableName();
        String idempotency = context.idempotency().table().getTableName();

        var orderSummary = readModel(deployment, "OrderSummary", names.orderSummaryTable(), "orderId", null);
        var ordersByCustomer =
                readModel(deployment, "OrdersByCustomer", names.ordersByCustomerTable(), "customerId", "sortKey");
        var dailySales = readModel(deployment, "DailySales", names.dailySalesTable(), "day", "sk");
        List<ReadModelTable> readModels = List.of(orderSummary, ordersByCustomer, dailySales);
        var personalData = new PersonalDataKeys(
                this,
                "PersonalData",
                new PersonalDataKeys.Props(
                        names.orderingPersonalDataKeysTable(),
                        names.orderingPersonalDataKeyAlias(),
                        config.removalPolicy(),
                        config.deletionProtection()));
        // blue-green rebuilds create <table>-g<n> at run time for the per-order models (daily sales
        // are not rebuilt): readers follow the generation pointer, the projector writes both while one builds
        List<ReadModelTable> rebuilt = List.of(orderSummary, ordersByCustomer);

        var tokenKey = new ConsistencyTokenKey(this, "ConsistencyTokenKey", names.consistencyKeyParameter("ordering"));
        this.commandApi = new EventlineFunction(
                this,
                "CommandApi",
                deployment
                        .function(FunctionSpec.ORDERING_COMMAND_API, alerting)
                        .environment("EVENTS_TABLE", events)
                        .environment("IDEMPOTENCY_TABLE", idempotency)
                        .environment("PERSONAL_DATA_KEY", personalData.keyAlias())
                        .environment(
                                "PERSONAL_DATA_KEYS_TABLE", personalData.table().getTableName())
                        .environment(ConsistencyTokenKey.VARIABLE, tokenKey.parameterName())
                        .build());
        context.grantCommandHandling(commandApi.grantee());
        personalData.grantSealAndErase(commandApi.grantee());
        tokenKey.grantRead(commandApi.grantee());

        this.queryApi = new EventlineFunction(
                this,
                "QueryApi",
                withReadModels(
                                deployment
                                        .function(FunctionSpec.ORDERING_QUERY_API, alerting)
                                        .environment("EVENTS_TABLE", events)
                                        .environment("PERSONAL_DATA_KEY", personalData.keyAlias())
                                        .environment(
                                                "PERSONAL_DATA_KEYS_TABLE",
                                                personalData.table().getTableName())
                                        .environment(ConsistencyTokenKey.VARIABLE, tokenKey.parameterName()),
                                orderSummary,
                                ordersByCustomer,
                                dailySales)
                        .build());
        context.events().grantRead(queryApi.grantee());
        personalData.grantOpen(queryApi.grantee());
        // no route reads daily sales: the variable stays (the read-model tables are configured as one), the grant does
        // not
        List.of(orderSummary, ordersByCustomer).forEach(table -> table.grantRead(queryApi.grantee()));
        tokenKey.grantRead(queryApi.grantee());
        rebuilt.forEach(table -> table.grantGenerations(queryApi.grantee(), TableAccess.READ));

        // The projector parks a poison record itself, with the full record and its error, after
        // MAX_RECORD_ATTEMPTS; it stays within the mapping's retries so the mapping's own on-failure
        // message (shard coordinates only) remains a backstop for crashes and timeouts.
        this.projector = context.addStreamConsumer(
                "Projector",
                withReadModels(
                                deployment
                                        .function(FunctionSpec.ORDERING_PROJECTOR, alerting)
                                        .environment("EVENTS_TABLE", events)
                                        .environment("DEAD_LETTER_QUEUE", names.orderingProjectorDlq())
                                        .environment(
                                                "MAX_RECORD_ATTEMPTS",
                                                Integer.toString(Math.max(
                                                        1, config.streams().retryAttempts()))),
                                orderSummary,
                                ordersByCustomer,
                                dailySales)
                        .build(),
                names.orderingProjectorDlq());
        context.events().grantRead(projector.function().grantee());
        readModels.forEach(table -> table.grant(projector.function().grantee(), TableAccess.PROJECT));
        rebuilt.forEach(table -> table.grantGenerations(projector.function().grantee(), TableAccess.PROJECT));

        this.push = webSocketPush(deployment, alerting, events);
        // announces each order after its read models committed (PushNotifier)
        push.grantAnnounce(projector.function().grantee());
        projector
                .function()
                .addEnvironment("PUSH_CONNECTIONS_TABLE", push.table().getTableName());
        projector.function().addEnvironment("PUSH_ENDPOINT", push.callbackUrl());

        // The publisher keeps its own checkpoint per stream (its output, the bus, cannot hold one), repairs
        // gaps and redrives from the events table, and parks poison like the projector.
        var publisherCheckpoints = readModel(
                deployment, "PublisherCheckpoints", names.orderingPublisherCheckpointsTable(), "streamId", null);
        this.publisher = context.addStreamConsumer(
                "Publisher",
                deployment
                        .function(FunctionSpec.ORDERING_PUBLISHER, alerting)
                        .environment("EVENT_BUS_NAME", names.eventBus())
                        .environment("EVENTS_TABLE", events)
                        .environment(
                                "CHECKPOINTS_TABLE",
                                publisherCheckpoints.table().getTableName())
                        .environment("DEAD_LETTER_QUEUE", names.orderingPublisherDlq())
                        .environment(
                                "MAX_RECORD_ATTEMPTS",
                                Integer.toString(Math.max(1, config.streams().retryAttempts())))
                        .build(),
                names.orderingPublisherDlq());
        context.events().grantRead(publisher.function().grantee());
        publisherCheckpoints.grant(publisher.function().grantee(), TableAccess.PUT_AND_GET);
        bus.grantPutEventsTo(publisher.function().grantee());
        onlyThePublisherSpeaksForEventline(bus, names);
        alarmOnPublishFailures(deployment, alerting);
        alarmOnReadModelLag(deployment, alerting);

        this.verifier = new ConsistencyVerifier(
                this,
                "Verifier",
                deployment,
                alerting,
                context.events().table(),
                orderSummary,
                ordersByCustomer,
                dailySales);
        this.distributedRebuild = new DistributedRebuild(
                this,
                "DistributedRebuild",
                deployment,
                alerting,
                context.events().table(),
                orderSummary,
                ordersByCustomer,
                dailySales);

        this.shipping = new ShippingNotifications(this, "Shipping", deployment, bus, alerting);
        Optional<IKey> orderingKey = Optional.empty();
        if (config.customerManagedKeys()) {
            var encryption = new ContextEncryption(
                    this,
                    "Encryption",
                    new ContextEncryption.Props("ordering", names.contextKeyAlias("ordering"), config.removalPolicy()));
            List.of(
                            commandApi,
                            queryApi,
                            projector.function(),
                            publisher.function(),
                            shipping.consumer().function(),
                            verifier.function(),
                            distributedRebuild.worker(),
                            push.routes(),
                            push.authorizer())
                    .forEach(function -> encryption.grantUse(function.grantee()));
            orderingKey = Optional.of(encryption.key());
        }
        this.operator = new OperatorRole(
                this,
                "Operator",
                deployment,
                distributedRebuild.stateMachine(),
                distributedRebuild.bucket(),
                orderingKey);
    }

    /**
     * Server push: the WebSocket API, its {@code $connect} authorizer (the same JWT issuer and audience
     * as the HTTP API's authorizer), the routes' function and the connections table. The push URL is
     * an output ({@value #PUSH_URL_OUTPUT}), which {@code deploy-console.sh} writes into the console's
     * {@code config.json} as {@code wsUrl}.
     */
    private WebSocketPush webSocketPush(Deployment deployment, Alerting alerting, String events) {
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();
        if (!(config.authorization() instanceof EnvironmentConfig.ApiAuthorization.Jwt jwt)) {
            throw new IllegalArgumentException("server push authenticates with the HTTP API's JWT issuer: "
                    + "environment '" + config.name() + "' has none");
        }
        var routes = new EventlineFunction(
                this,
                "PushRoutes",
                deployment
                        .function(FunctionSpec.ORDERING_PUSH, alerting)
                        .environment("EVENTS_TABLE", events)
                        .build());
        var authorizer = new EventlineFunction(
                this,
                "PushAuthorizer",
                deployment
                        .function(FunctionSpec.ORDERING_PUSH_AUTHORIZER, alerting)
                        .environment("JWT_ISSUER", jwt.issuer())
                        .environment("JWT_AUDIENCE", String.join(",", jwt.audience()))
                        .build());
        var push = new WebSocketPush(
                this,
                "Push",
                new WebSocketPush.Props(
                        names.pushApi(),
                        config.name(),
                        names.pushConnectionsTable(),
                        names.pushAccessLogGroup(),
                        routes,
                        authorizer,
                        config.throttling().rateLimit(),
                        config.throttling().burstLimit(),
                        config.logRetention(),
                        config.removalPolicy(),
                        config.deletionProtection()));
        routes.addEnvironment("PUSH_CONNECTIONS_TABLE", push.table().getTableName());
        push.grantSubscribe(routes.grantee());
        // the owner of an order is the customer of its first event, read from the events table
        context.events().grantRead(routes.grantee());
        // what notifiers in other stacks (the accounts projector) and the console's CSP (Api stack) read,
        // by name: no export binds the stacks together
        parameter(
                "PushApiIdParameter",
                names.pushParameter(PUSH_API_ID),
                push.api().getApiId(),
                "id of the push API");
        parameter(
                "PushCallbackUrlParameter",
                names.pushParameter(PUSH_CALLBACK_URL),
                push.callbackUrl(),
                "the push API's @connections endpoint (PUSH_ENDPOINT of notifiers)");
        parameter("PushUrlParameter", names.pushParameter(PUSH_URL), push.url(), "the push API's wss:// URL");
        // account subscriptions: an account's owner is the owner named by its first event
        routes.addEnvironment("ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable());
        Table.fromTableName(this, "AccountsEvents", names.accountsEventsTable())
                .grant(routes.grantee(), "dynamodb:Query");
        if (config.customerManagedKeys()) {
            ContextEncryption.grantUseByAlias(
                    this,
                    routes.grantee(),
                    names.contextKeyAlias("accounts"),
                    "account owners for account subscriptions");
        }
        CfnOutput.Builder.create(this, PUSH_URL_OUTPUT)
                .value(push.url())
                .description("the WebSocket API of server push (wss://...; ?token=<JWT>)")
                .build();
        return push;
    }

    private void parameter(String id, String name, String value, String description) {
        new StringParameter(
                this,
                id,
                StringParameterProps.builder()
                        .parameterName(name)
                        .stringValue(value)
                        .description(description)
                        .build());
    }

    /** What {@code ResourceNames.pushParameter} names: the push API's id, callback URL and wss:// URL. */
    public static final String PUSH_API_ID = "api-id";

    public static final String PUSH_CALLBACK_URL = "callback-url";
    public static final String PUSH_URL = "url";

    /** The stack output holding the push API's {@code wss://} URL. */
    public static final String PUSH_URL_OUTPUT = "PushUrl";

    /**
     * In the bus's own policy, an explicit deny of PutEvents with an {@code eventline.*} source to
     * every principal but the publisher's role: an identity policy elsewhere in the account that
     * allows {@code events:PutEvents} on {@code *} (an admin, a CI role, another team's function)
     * can no longer forge an {@code OrderShipped}. Replays from the archive are EventBridge's own
     * and are not affected.
     */
    private void onlyThePublisherSpeaksForEventline(IEventBus bus, ResourceNames names) {
        new CfnEventBusPolicy(
                this,
                "OnlyThePublisherPutsEventlineEvents",
                CfnEventBusPolicyProps.builder()
                        .eventBusName(names.eventBus())
                        .statementId("OnlyThePublisherPutsEventlineEvents")
                        // ordered maps: Map.of iterates in a different order on every run, and the template must not
                        .statement(ordered(
                                "Sid",
                                "OnlyThePublisherPutsEventlineEvents",
                                "Effect",
                                "Deny",
                                "Principal",
                                ordered("AWS", "*"),
                                "Action",
                                "events:PutEvents",
                                "Resource",
                                bus.getEventBusArn(),
                                "Condition",
                                ordered(
                                        "StringLike",
                                        ordered("events:source", EVENTLINE_SOURCES),
                                        "ArnNotEquals",
                                        ordered(
                                                "aws:PrincipalArn",
                                                publisher
                                                        .function()
                                                        .function()
                                                        .getRole()
                                                        .getRoleArn()))))
                        .build());
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The sources only the publisher may put on the bus. */
    public static final String EVENTLINE_SOURCES = "eventline.*";

    private static EventlineFunction.Props.Builder withReadModels(
            EventlineFunction.Props.Builder function,
            ReadModelTable orderSummary,
            ReadModelTable ordersByCustomer,
            ReadModelTable dailySales) {
        return function.environment("ORDER_SUMMARY_TABLE", orderSummary.table().getTableName())
                .environment(
                        "ORDERS_BY_CUSTOMER_TABLE", ordersByCustomer.table().getTableName())
                .environment("DAILY_SALES_TABLE", dailySales.table().getTableName());
    }

    private ReadModelTable readModel(
            Deployment deployment, String id, String tableName, String partitionKey, String sortKey) {
        return new ReadModelTable(
                this,
                id,
                ReadModelTable.Props.builder()
                        .tableName(tableName)
                        .partitionKey(partitionKey)
                        .sortKey(sortKey)
                        .removalPolicy(deployment.config().removalPolicy())
                        .deletionProtection(deployment.config().deletionProtection())
                        .build());
    }

    /** The publisher reports events EventBridge refused (PutEvents FailedEntryCount) as {@code PublishFailures}. */
    private void alarmOnPublishFailures(Deployment deployment, Alerting alerting) {
        String service = FunctionSpec.ORDERING_PUBLISHER.service();
        var failures = new Metric(MetricProps.builder()
                .namespace(deployment.config().metricsNamespace())
                .metricName("PublishFailures")
                .dimensionsMap(java.util.Map.of("Service", service))
                .statistic("Sum")
                .period(alerting.period())
                .build());
        alerting.whenAbove(
                publisher,
                "PublishFailuresAlarm",
                deployment.names().function(FunctionSpec.ORDERING_PUBLISHER),
                "publish-failures",
                failures,
                alerting.thresholds().publishFailures(),
                "events could not be put on " + deployment.names().eventBus());
    }

    /**
     * The projector reports, per applied event, how long after it was recorded it reached the read models
     * ({@code ProjectionLagMs}): above the threshold, readers see an order that is behind its stream.
     */
    private void alarmOnReadModelLag(Deployment deployment, Alerting alerting) {
        String service = FunctionSpec.ORDERING_PROJECTOR.service();
        var lag = new Metric(MetricProps.builder()
                .namespace(deployment.config().metricsNamespace())
                .metricName("ProjectionLagMs")
                .dimensionsMap(java.util.Map.of("Service", service))
                .statistic("Maximum")
                .period(alerting.period())
                .build());
        alerting.whenAbove(
                projector,
                "ReadModelLagAlarm",
                deployment.names().orderSummaryTable(),
                "behind",
                lag,
                alerting.thresholds().readModelLagMs(),
                "the ordering read models are more than "
                        + alerting.thresholds().readModelLagMs()
                        + " ms behind their streams (ProjectionLagMs, Maximum)");
    }

    public EventSourcedContext context() {
        return context;
    }

    public EventlineFunction commandApi() {
        return commandApi;
    }

    public EventlineFunction queryApi() {
        return queryApi;
    }

    public ConsistencyVerifier verifier() {
        return verifier;
    }

    public DistributedRebuild distributedRebuild() {
        return distributedRebuild;
    }

    public StreamConsumer projector() {
        return projector;
    }

    public StreamConsumer publisher() {
        return publisher;
    }

    public ShippingNotifications shipping() {
        return shipping;
    }

    public OperatorRole operator() {
        return operator;
    }

    public WebSocketPush push() {
        return push;
    }
}
