package dev.eventline.accounts.snapshots;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.eventline.accounts.api.AccountSnapshots;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbSnapshotStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.streams.PoisonParking;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamConsumerRuntime;
import dev.eventline.streams.StreamRedrive;
import dev.eventline.streams.UnprocessableEventException;
import java.time.Clock;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the snapshot chaser, fed by the accounts events table's stream. Wired once
 * per container; a batch goes through the shared {@link StreamConsumerRuntime}, which tells the
 * {@link SnapshotChaser} the highest version of each stream (the chaser reads the events it needs
 * itself, so it has no checkpoint and no gaps to repair). Environment: {@code ACCOUNTS_EVENTS_TABLE},
 * {@code ACCOUNTS_SNAPSHOTS_TABLE}, {@code SNAPSHOT_THRESHOLD} (default 100); optional
 * {@code DEAD_LETTER_QUEUE} (queue name) or {@code DEAD_LETTER_QUEUE_URL}, {@code MAX_RECORD_ATTEMPTS} (3).
 */
public final class SnapshotChaserHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse>, StreamRedrive {
    static final String SOURCE = "accounts-snapshot-chaser";
    /**
     * The chaser only reads events, so it has no idempotency table; the event store wants a name for
     * one all the same. Any append through it would fail loudly on this table, which does not exist.
     */
    private static final String NO_IDEMPOTENCY_TABLE = "snapshot-chaser-never-appends";

    private final SnapshotChaser chaser;
    private final Observability observability;
    private final StreamConsumerRuntime runtime;

    /** Called by Lambda. */
    public SnapshotChaserHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** The local runtime passes the template's environment, pointed at the emulator. */
    public SnapshotChaserHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** Tests: clients with interceptors, a fixed clock. */
    SnapshotChaserHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        this.chaser = new SnapshotChaser(
                new DynamoDbEventStore(dynamoDb, env.require("ACCOUNTS_EVENTS_TABLE"), NO_IDEMPOTENCY_TABLE, clock),
                new DynamoDbSnapshotStore(dynamoDb, env.require("ACCOUNTS_SNAPSHOTS_TABLE")),
                env.intOr(AccountSnapshots.THRESHOLD_VARIABLE, AccountSnapshots.DEFAULT_THRESHOLD), clock);
        this.observability = Observability.fromEnvironment(env);
        this.runtime = StreamConsumerRuntime.latestVersion(this::chase,
                PoisonParking.fromEnvironment(env, clients::sqs, SOURCE, clock), observability);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return runtime.process(event);
    }

    /** Snapshots {@code streamId} if it is due at {@code version}. */
    @Override
    public SliceOutcome redrive(String streamId, long version) {
        return runtime.redrive(streamId, version);
    }

    /**
     * A storage failure is transient and retried: a snapshot that is due is never silently missing.
     * Anything else (an event the fold refuses) cannot be fixed by a retry and is the runtime's
     * poison: counted, then parked.
     */
    private void chase(String streamId, long version) {
        OptionalLong written;
        try {
            written = chaser.chase(streamId, version);
        } catch (SdkException storageFailure) {
            observability.metrics().count("SnapshotChaseFailures", 1);
            throw storageFailure;
        } catch (RuntimeException unprocessable) {
            observability.metrics().count("SnapshotChaseFailures", 1);
            throw new UnprocessableEventException(streamId, version, null, unprocessable);
        }
        observability.metrics().count("SnapshotsWritten", written.isPresent() ? 1 : 0);
        written.ifPresent(v -> observability.log().with("streamId", streamId).with("version", v).info("snapshot written"));
    }
}
