package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.ConsistencyTokenKey;
import dev.eventline.infrastructure.constructs.EventSourcedContext;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import dev.eventline.infrastructure.constructs.StreamConsumer;
import dev.eventline.infrastructure.constructs.TableAccess;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The accounts context: its event store, the API function (commands and queries), and the
 * snapshot chaser that writes a snapshot every {@code snapshotThreshold} events.
 */
public final class AccountsStack extends Stack {

    private final EventSourcedContext context;
    private final ReadModelTable snapshots;
    private final EventlineFunction api;
    private final StreamConsumer snapshotChaser;

    public AccountsStack(Construct scope, String id, Deployment deployment) {
        super(scope, id, deployment.stackProps("Eventline accounts: event store, API, snapshots"));
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();
        Alerting alerting = deployment.alerting(this);

        this.context = new EventSourcedContext(
                this,
                "Accounts",
                deployment.context(names.accountsEventsTable(), names.accountsIdempotencyTable(), alerting));
        this.snapshots = new ReadModelTable(
                this,
                "Snapshots",
                ReadModelTable.Props.builder()
                        .tableName(names.accountsSnapshotsTable())
                        .partitionKey("streamId")
                        .removalPolicy(config.removalPolicy())
                        .deletionProtection(config.deletionProtection())
                        .build());
        String events = context.events().table().getTableName();
        String snapshotTable = snapshots.table().getTableName();

        var tokenKey = new ConsistencyTokenKey(this, "ConsistencyTokenKey", names.consistencyKeyParameter("accounts"));
        this.api = new EventlineFunction(
                this,
                "Api",
                deployment
                        .function(FunctionSpec.ACCOUNTS_API, alerting)
                        .environment("ACCOUNTS_EVENTS_TABLE", events)
                        .environment(
                                "ACCOUNTS_IDEMPOTENCY_TABLE",
                                context.idempotency().table().getTableName())
                        .environment("ACCOUNTS_SNAPSHOTS_TABLE", snapshotTable)
                        // snapshots come from the chaser, off the command path; the API only reads them
                        // (and replaces an unusable one after a replay)
                        .environment("SNAPSHOT_STRATEGY", "chaser")
                        .environment("SNAPSHOT_THRESHOLD", Integer.toString(config.snapshotThreshold()))
                        .environment(ConsistencyTokenKey.VARIABLE, tokenKey.parameterName())
                        .build());
        context.grantCommandHandling(api.grantee());
        tokenKey.grantRead(api.grantee());
        snapshots.grant(api.grantee(), TableAccess.PUT_AND_GET);

        this.snapshotChaser = context.addStreamConsumer(
                "SnapshotChaser",
                deployment
                        .function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER, alerting)
                        .environment("ACCOUNTS_EVENTS_TABLE", events)
                        .environment("ACCOUNTS_SNAPSHOTS_TABLE", snapshotTable)
                        .environment("SNAPSHOT_THRESHOLD", Integer.toString(config.snapshotThreshold()))
                        // parks what no retry can fix (and changed or removed event items), as every stream consumer
                        // does
                        .environment("DEAD_LETTER_QUEUE", names.accountsSnapshotChaserDlq())
                        .environment(
                                "MAX_RECORD_ATTEMPTS",
                                Integer.toString(Math.max(1, config.streams().retryAttempts())))
                        .build(),
                names.accountsSnapshotChaserDlq());
        context.events().grantRead(snapshotChaser.function().grantee());
        snapshots.grant(snapshotChaser.function().grantee(), TableAccess.PUT_AND_GET);
    }

    public EventSourcedContext context() {
        return context;
    }

    public ReadModelTable snapshots() {
        return snapshots;
    }

    public EventlineFunction api() {
        return api;
    }

    public StreamConsumer snapshotChaser() {
        return snapshotChaser;
    }
}
