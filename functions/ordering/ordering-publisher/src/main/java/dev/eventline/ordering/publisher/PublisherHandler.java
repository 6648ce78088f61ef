package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.streams.CheckpointTable;
import dev.eventline.streams.Parallel;
import dev.eventline.streams.PoisonParking;
import dev.eventline.streams.StreamConsumerHandler;
import dev.eventline.streams.StreamConsumerRuntime;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * DynamoDB Streams (events table, NEW_IMAGE) to the platform event bus: every new event becomes an
 * EventBridge entry with source {@value CloudEventEnvelope#SOURCE}, detail type = event type and a
 * CloudEvents envelope as detail, at the current version of its schema ({@link CurrentContract}).
 * Each stream is published in order and never past an event that failed ({@link EventPublication});
 * the batch bookkeeping (checkpoints, duplicates, gaps, poison, partial failures) is the shared
 * {@link StreamConsumerRuntime}'s, and {@link #redrive} republishes a stream from the events table, in
 * order, from its checkpoint up to its head.
 *
 * <p>Environment: {@code EVENT_BUS_NAME}, {@code EVENTS_TABLE} (gap repair and redrive),
 * {@code CHECKPOINTS_TABLE} (the last version published per stream); optional
 * {@code DEAD_LETTER_QUEUE} (queue name) or {@code DEAD_LETTER_QUEUE_URL}, {@code MAX_RECORD_ATTEMPTS} (3).
 */
public final class PublisherHandler extends StreamConsumerHandler {
    static final String SOURCE = "ordering-publisher";
    /** Streams of a batch whose checkpoints are read and written at once. */
    private static final int CONCURRENCY = 8;

    /** Lambda's entry point. */
    public PublisherHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** For the local runtime: the function's environment from the template, pointed at the emulator. */
    public PublisherHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env));
    }

    private PublisherHandler(LambdaEnvironment env, AwsClients clients) {
        this(env, clients, Clock.systemUTC());
    }

    private PublisherHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        this(
                env,
                clients,
                clients.eventBridge(),
                RetryPolicy.DEFAULT,
                clock,
                Observability.fromEnvironment(env, clock));
    }

    /** For tests that wrap the EventBridge client or shorten the backoff. */
    PublisherHandler(
            LambdaEnvironment env,
            AwsClients clients,
            EventBridgeClient eventBridge,
            RetryPolicy retryPolicy,
            Clock clock,
            Observability observability) {
        super(runtime(env, clients, eventBridge, retryPolicy, clock, observability));
    }

    private static StreamConsumerRuntime runtime(
            LambdaEnvironment env,
            AwsClients clients,
            EventBridgeClient eventBridge,
            RetryPolicy retryPolicy,
            Clock clock,
            Observability observability) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        EventReader events = new DynamoDbEventReader(dynamoDb, env.require("EVENTS_TABLE"));
        Parallel parallel = new Parallel(CONCURRENCY);
        EventPublication publication = new EventPublication(
                new CheckpointTable(dynamoDb, env.require("CHECKPOINTS_TABLE"), clock),
                new CurrentContract(),
                new OrderedPublisher(
                        eventBridge,
                        new EventBridgeEntries(env.require("EVENT_BUS_NAME"), new CloudEventEnvelope()),
                        retryPolicy,
                        observability.log()),
                parallel,
                observability.metrics(),
                observability.tracing());
        return StreamConsumerRuntime.ordered(
                publication,
                events,
                parallel,
                PoisonParking.fromEnvironment(env, clients::sqs, SOURCE, clock),
                observability);
    }
}
