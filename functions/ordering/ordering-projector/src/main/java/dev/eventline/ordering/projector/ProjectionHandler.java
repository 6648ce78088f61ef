package dev.eventline.ordering.projector;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.streams.Parallel;
import dev.eventline.streams.PoisonParking;
import dev.eventline.streams.StreamConsumerHandler;
import dev.eventline.streams.StreamConsumerRuntime;
import dev.eventline.streams.push.PushNotifier;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point: the ordering events table's stream to the order-summary, orders-by-customer
 * and daily-sales read models, with partial batch failures ({@code ReportBatchItemFailures}).
 *
 * <p>Everything is wired once per container in the constructor; an invocation is one call.
 * Environment: {@code EVENTS_TABLE}, {@code ORDER_SUMMARY_TABLE}, {@code ORDERS_BY_CUSTOMER_TABLE},
 * {@code DAILY_SALES_TABLE}; optional {@code DEAD_LETTER_QUEUE} (queue name) or
 * {@code DEAD_LETTER_QUEUE_URL}, {@code MAX_RECORD_ATTEMPTS} (3), {@code PROJECTION_CONCURRENCY} (8),
 * {@code PUSH_CONNECTIONS_TABLE} and {@code PUSH_ENDPOINT} (server push, off without them),
 * and the Powertools variables for logs and metrics. The batch bookkeeping (checkpoints, duplicates,
 * gaps, poison, partial failures) is the shared {@link StreamConsumerRuntime}'s.
 */
public final class ProjectionHandler extends StreamConsumerHandler {
    static final String SOURCE = "ordering-projector";

    /** Called by Lambda. */
    public ProjectionHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** For the local runtime: the function's environment from the template, pointed at the emulator. */
    public ProjectionHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** For tests and benchmarks: clients with interceptors (e.g. a capacity meter), the fixture's clock. */
    public ProjectionHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        this(env, clients, new OrderEventCodec(), clock, Observability.fromEnvironment(env, clock));
    }

    ProjectionHandler(
            LambdaEnvironment env,
            AwsClients clients,
            EventCodec<OrderEvent> codec,
            Clock clock,
            Observability observability) {
        super(runtime(env, clients, codec, clock, observability));
    }

    private static StreamConsumerRuntime runtime(
            LambdaEnvironment env,
            AwsClients clients,
            EventCodec<OrderEvent> codec,
            Clock clock,
            Observability observability) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        ReadModelTables tables = ReadModelTables.fromEnvironment(env);
        EventReader events = new DynamoDbEventReader(dynamoDb, env.require("EVENTS_TABLE"));
        Parallel parallel = new Parallel(env.intOr("PROJECTION_CONCURRENCY", 8));
        OrderProjection projection = new OrderProjection(
                new ReadModelStore(dynamoDb, new GenerationPointers(dynamoDb, tables, clock)),
                new SliceFolder(codec),
                new DailySalesWriter(dynamoDb, tables.dailySales()),
                parallel,
                clock,
                observability.log(),
                observability.metrics(),
                observability.tracing(),
                PushNotifier.fromEnvironment(env, clients, clock, observability.metrics(), observability.log()));
        return StreamConsumerRuntime.ordered(
                projection,
                events,
                parallel,
                PoisonParking.fromEnvironment(env, clients::sqs, SOURCE, clock),
                observability);
    }
}
