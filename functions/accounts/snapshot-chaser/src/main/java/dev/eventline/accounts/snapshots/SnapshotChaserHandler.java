package dev.eventline.accounts.snapshots;

import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.streams.PoisonParking;
import dev.eventline.streams.StreamConsumerHandler;
import dev.eventline.streams.StreamConsumerRuntime;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the snapshot chaser, fed by the accounts events table's stream. Wired once
 * per container; a batch goes through the shared {@link StreamConsumerRuntime}, which tells the
 * chaser the highest version of each stream ({@link SnapshotChase}): the chaser reads the events it
 * needs itself, so it has no checkpoint and no gaps to repair. Environment: {@code ACCOUNTS_EVENTS_TABLE} (events, and
 * the snapshots it writes beside them), {@code SNAPSHOT_THRESHOLD} (default 100); optional
 * {@code DEAD_LETTER_QUEUE} (queue name) or {@code DEAD_LETTER_QUEUE_URL}, {@code MAX_RECORD_ATTEMPTS} (3).
 */
public final class SnapshotChaserHandler extends StreamConsumerHandler {
    static final String SOURCE = "accounts-snapshot-chaser";

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
        super(runtime(env, clients, clock, Observability.fromEnvironment(env, clock)));
    }

    private static StreamConsumerRuntime runtime(
            LambdaEnvironment env, AwsClients clients, Clock clock, Observability observability) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SnapshotChaser chaser = new SnapshotChaser(
                new DynamoDbEventReader(dynamoDb, env.require(AccountsEnvironment.EVENTS_TABLE)),
                new DynamoDbEventTableSnapshots(dynamoDb, env.require(AccountsEnvironment.EVENTS_TABLE)),
                env.intOr(AccountSnapshots.THRESHOLD_VARIABLE, AccountSnapshots.DEFAULT_THRESHOLD),
                clock);
        return StreamConsumerRuntime.latestVersion(
                new SnapshotChase(chaser, observability),
                PoisonParking.fromEnvironment(env, clients::sqs, SOURCE, clock),
                observability);
    }
}
