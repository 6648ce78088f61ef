package dev.eventline.accounts.snapshots;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbSnapshotStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the snapshot chaser, fed by the accounts events table's stream. Wired once
 * per container; a batch only goes through {@link ChaserBatch}. Environment:
 * {@code ACCOUNTS_EVENTS_TABLE}, {@code ACCOUNTS_SNAPSHOTS_TABLE}, {@code SNAPSHOT_THRESHOLD}
 * (default 100).
 */
public final class SnapshotChaserHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /**
     * The chaser only reads events, so it has no idempotency table; the event store wants a name for
     * one all the same. Any append through it would fail loudly on this table, which does not exist.
     */
    private static final String NO_IDEMPOTENCY_TABLE = "snapshot-chaser-never-appends";

    private final ChaserBatch batch;

    /** Called by Lambda. */
    public SnapshotChaserHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** The local runtime passes the template's environment, pointed at the emulator. */
    public SnapshotChaserHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** Tests: clients with interceptors, the test's clock. */
    SnapshotChaserHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SnapshotChaser chaser = new SnapshotChaser(
                new DynamoDbEventStore(dynamoDb, env.require("ACCOUNTS_EVENTS_TABLE"), NO_IDEMPOTENCY_TABLE, clock),
                new DynamoDbSnapshotStore(dynamoDb, env.require("ACCOUNTS_SNAPSHOTS_TABLE")),
                env.intOr(AccountSnapshots.THRESHOLD_VARIABLE, AccountSnapshots.DEFAULT_THRESHOLD), clock);
        this.batch = new ChaserBatch(chaser, StructuredLogger.fromEnvironment(env, clock), EmfMetrics.fromEnvironment(env, clock));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return batch.process(event);
    }
}
