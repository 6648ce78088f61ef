package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventSourcedContext;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import dev.eventline.infrastructure.constructs.StreamConsumer;
import dev.eventline.infrastructure.constructs.TableAccess;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.events.IEventBus;
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
    private final ShippingNotifications shipping;

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
        // blue-green rebuilds create <table>-g<n> at run time for the per-order models (daily sales
        // are not rebuilt): readers follow the generation pointer, the projector writes both while one builds
        List<ReadModelTable> rebuilt = List.of(orderSummary, ordersByCustomer);

        this.commandApi = new EventlineFunction(
                this,
                "CommandApi",
                deployment
                        .function(FunctionSpec.ORDERING_COMMAND_API, alerting)
                        .environment("EVENTS_TABLE", events)
                        .environment("IDEMPOTENCY_TABLE", idempotency)
                        .build());
        context.grantCommandHandling(commandApi.grantee());

        this.queryApi = new EventlineFunction(
                this,
                "QueryApi",
                withReadModels(
                                deployment
                                        .function(FunctionSpec.ORDERING_QUERY_API, alerting)
                                        .environment("EVENTS_TABLE", events),
                                orderSummary,
                                ordersByCustomer,
                                dailySales)
                        .build());
        context.events().grantRead(queryApi.grantee());
        readModels.forEach(table -> table.grantRead(queryApi.grantee()));
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
        readModels.forEach(table -> table.grantReadWrite(projector.function().grantee()));
        rebuilt.forEach(table -> table.grantGenerations(projector.function().grantee(), TableAccess.READ_WRITE));

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

        this.shipping = new ShippingNotifications(this, "Shipping", deployment, bus, alerting);
    }

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

    public StreamConsumer projector() {
        return projector;
    }

    public StreamConsumer publisher() {
        return publisher;
    }

    public ShippingNotifications shipping() {
        return shipping;
    }
}
