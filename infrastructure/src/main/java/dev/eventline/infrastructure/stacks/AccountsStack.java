package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.EnvironmentConfig.SnapshotStrategy;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The accounts context: its event store, the API function (commands and queries), and the writer of
 * account snapshots the environment's strategy names: the snapshot chaser ({@code chaser}), the
 * schedule ({@code time}), or the API itself ({@code count}, {@code event}).
 */
public final class AccountsStack extends Stack {

    private final EventSourcedContext context;
    private final ReadModelTable snapshots;
    private final ReadModelTable balances;
    private final EventlineFunction api;
    private final Optional<StreamConsumer> snapshotChaser;
    private final Optional<ScheduledSnapshots> scheduledSnapshots;
    private final ReadModelTable projections;
    private final ReadModelTable accountsByOwner;
    private final ReadModelTable balanceHistory;
    private final StreamConsumer projector;
    private final PersonalDataKeys personalData;

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
        // an inline view: written in the events' transaction by the API, so never stale (docs/read-side.md)
        this.balances = new ReadModelTable(
                this,
                "Balances",
                ReadModelTable.Props.builder()
                        .tableName(names.accountBalancesTable())
                        .partitionKey("accountId")
                        .removalPolicy(config.removalPolicy())
                        .deletionProtection(config.deletionProtection())
                        .build());
        String events = context.events().table().getTableName();
        String snapshotTable = snapshots.table().getTableName();

        // the account holder's name, sealed per owner: the context's own CMK and keys table (docs/security.md).
        // Not "PersonalData" as in ordering: the same construct path gives the same logical ids in both
        // stacks, and the local emulator merges every template's resources by logical id
        this.personalData = new PersonalDataKeys(
                this,
                "HolderPersonalData",
                new PersonalDataKeys.Props(
                        names.accountsPersonalDataKeysTable(),
                        names.accountsPersonalDataKeyAlias(),
                        config.removalPolicy(),
                        config.deletionProtection()));

        SnapshotStrategy strategy = config.snapshotting().strategy();
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
                        .environment("ACCOUNT_BALANCES_TABLE", balances.table().getTableName())
                        // with chaser or time the snapshots come from off the command path; the API only
                        // reads them (and replaces an unusable one after a replay)
                        .environment("SNAPSHOT_STRATEGY", strategy.value())
                        .environment("SNAPSHOT_THRESHOLD", Integer.toString(config.snapshotThreshold()))
                        .environment(ConsistencyTokenKey.VARIABLE, tokenKey.parameterName())
                        .environment("PERSONAL_DATA_KEY", personalData.keyAlias())
                        .environment(
                                "PERSONAL_DATA_KEYS_TABLE", personalData.table().getTableName())
                        .build());
        context.grantCommandHandling(api.grantee());
        // the API alone seals (open), opens (reads) and erases; projector and chaser copy tokens unopened
        personalData.grantSealAndErase(api.grantee());
        tokenKey.grantRead(api.grantee());
        snapshots.grant(api.grantee(), TableAccess.PUT_AND_GET);
        // conditional puts inside TransactWriteItems, and the point read of GET /accounts/{id}
        balances.grant(api.grantee(), TableAccess.PUT_AND_GET);

        this.snapshotChaser = strategy == SnapshotStrategy.CHASER
                ? Optional.of(snapshotChaser(deployment, alerting, events, snapshotTable))
                : Optional.empty();
        this.scheduledSnapshots = strategy == SnapshotStrategy.TIME
                ? Optional.of(new ScheduledSnapshots(
                        this,
                        "ScheduledSnapshots",
                        deployment,
                        alerting,
                        context.events().table()))
                : Optional.empty();

        // the asynchronous read side: an owner's accounts and daily balances, rebuildable from the events
        this.projections = readModel("Projections", names.accountProjectionsTable(), "accountId", null, config);
        this.accountsByOwner =
                readModel("AccountsByOwner", names.accountsByOwnerTable(), "ownerId", "accountId", config);
        this.balanceHistory = readModel("BalanceHistory", names.balanceHistoryTable(), "accountId", "day", config);
        this.projector = context.addStreamConsumer(
                "Projector",
                deployment
                        .function(FunctionSpec.ACCOUNTS_PROJECTOR, alerting)
                        .environment("ACCOUNTS_EVENTS_TABLE", events)
                        .environment(
                                "ACCOUNT_PROJECTIONS_TABLE", projections.table().getTableName())
                        .environment(
                                "ACCOUNTS_BY_OWNER_TABLE",
                                accountsByOwner.table().getTableName())
                        .environment(
                                "BALANCE_HISTORY_TABLE", balanceHistory.table().getTableName())
                        .environment("DEAD_LETTER_QUEUE", names.accountsProjectorDlq())
                        .environment(
                                "MAX_RECORD_ATTEMPTS",
                                Integer.toString(Math.max(1, config.streams().retryAttempts())))
                        .build(),
                names.accountsProjectorDlq());
        context.events().grantRead(projector.function().grantee());
        for (ReadModelTable table : List.of(projections, accountsByOwner, balanceHistory)) {
            table.grant(projector.function().grantee(), TableAccess.PUT_AND_GET);
        }
        // server push: announced through the ordering stack's WebSocket API, by the parameters it puts
        projector.function().addEnvironment("PUSH_CONNECTIONS_TABLE", names.pushConnectionsTable());
        projector.function().addEnvironment("PUSH_ENDPOINT", names.pushParameterValue(OrderingStack.PUSH_CALLBACK_URL));
        WebSocketPush.grantAnnounce(
                this,
                projector.function().grantee(),
                formatArn(ArnComponents.builder()
                        .service("dynamodb")
                        .resource("table")
                        .resourceName(names.pushConnectionsTable())
                        .build()),
                names.pushParameterValue(OrderingStack.PUSH_API_ID),
                config.name());
        if (config.customerManagedKeys()) {
            ContextEncryption.grantUseByAlias(
                    this,
                    projector.function().grantee(),
                    names.contextKeyAlias("ordering"),
                    "the push connections table is the ordering context's");
        }
        accountsByOwner.grant(api.grantee(), TableAccess.READ);
        balanceHistory.grant(api.grantee(), TableAccess.READ);
        api.addEnvironment("ACCOUNTS_BY_OWNER_TABLE", accountsByOwner.table().getTableName());
        api.addEnvironment("BALANCE_HISTORY_TABLE", balanceHistory.table().getTableName());
        if (config.customerManagedKeys()) {
            var encryption = new ContextEncryption(
                    this,
                    "Encryption",
                    new ContextEncryption.Props("accounts", names.contextKeyAlias("accounts"), config.removalPolicy()));
            List<EventlineFunction> functions = new ArrayList<>(List.of(api, projector.function()));
            snapshotChaser.ifPresent(chaser -> functions.add(chaser.function()));
            scheduledSnapshots.ifPresent(scheduled -> functions.add(scheduled.function()));
            functions.forEach(function -> encryption.grantUse(function.grantee()));
        }
    }

    private StreamConsumer snapshotChaser(
            Deployment deployment, Alerting alerting, String events, String snapshotTable) {
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();
        StreamConsumer chaser = context.addStreamConsumer(
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
        // snapshots are new items beside the events (sort key version + 0.5): put, never update
        context.events().grantAppend(chaser.function().grantee());
        snapshots.grant(chaser.function().grantee(), TableAccess.PUT_AND_GET);
        return chaser;
    }

    private ReadModelTable readModel(
            String id, String tableName, String partitionKey, String sortKey, EnvironmentConfig config) {
        ReadModelTable.Props.Builder props = ReadModelTable.Props.builder()
                .tableName(tableName)
                .partitionKey(partitionKey)
                .removalPolicy(config.removalPolicy())
                .deletionProtection(config.deletionProtection());
        if (sortKey != null) {
            props.sortKey(sortKey);
        }
        return new ReadModelTable(this, id, props.build());
    }

    public EventSourcedContext context() {
        return context;
    }

    public ReadModelTable snapshots() {
        return snapshots;
    }

    public ReadModelTable balances() {
        return balances;
    }

    public EventlineFunction api() {
        return api;
    }

    /** Deployed with the {@code chaser} strategy only. */
    public Optional<StreamConsumer> snapshotChaser() {
        return snapshotChaser;
    }

    /** Deployed with the {@code time} strategy only. */
    public Optional<ScheduledSnapshots> scheduledSnapshots() {
        return scheduledSnapshots;
    }

    public StreamConsumer projector() {
        return projector;
    }

    public PersonalDataKeys personalData() {
        return personalData;
    }
}
