package dev.eventline.accounts.api;

import com.amazonaws.services.lambda.runtime.Context;
import dev.eventline.accounts.application.AccountBalanceView;
import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.dynamodb.InlineViewTable;
import dev.eventline.eventstore.snapshot.InMemorySnapshotStore;
import dev.eventline.http.ApiGatewayHandler;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.HttpApi;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.personaldata.PersonalDataVault;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Lambda entry point of the accounts HTTP API. Everything is wired once per container in the
 * constructor (SDK client, stores, executor with its state cache); a request only routes.
 * Environment: {@code ACCOUNTS_EVENTS_TABLE} (events, and the snapshots beside them),
 * {@code ACCOUNTS_IDEMPOTENCY_TABLE}, optional {@code SNAPSHOT_STRATEGY} (count|event|chaser|time,
 * default chaser), {@code SNAPSHOT_THRESHOLD} (default 100) and {@code CONFLICT_RETRY_BUDGET_MS} (how long lost
 * races are retried, default 3000), and {@code PERSONAL_DATA_KEY} / {@code PERSONAL_DATA_KEYS_TABLE} (the
 * context's CMK and keys table holder names are sealed with; without them a holder name is refused).
 */
public final class AccountsApiHandler implements ApiGatewayHandler, Resource {
    private final HttpApi api;
    private final LambdaEnvironment env;
    private final DynamoDbClient dynamoDb;
    private final AccountsModule module;
    private final Clock clock;
    private final ConsistencyTokens tokens;

    /** Called by Lambda; registers the SnapStart priming hook (a no-op without SnapStart). */
    public AccountsApiHandler() {
        this(LambdaEnvironment.fromSystem());
        Core.getGlobalContext().register(this);
    }

    /** The local runtime passes the template's environment, pointed at the emulator. */
    public AccountsApiHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** Tests: clients with interceptors (capacity metering), the test's clock. */
    AccountsApiHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        this(env, clients, clock, ConsistencyTokens.fromEnvironment(env));
    }

    /** Tests that give the keys themselves (no parameter store behind the environment). */
    AccountsApiHandler(LambdaEnvironment env, AwsClients clients, Clock clock, ConsistencyTokens tokens) {
        this.env = env;
        this.dynamoDb = clients.dynamoDb();
        this.module = AccountsModule.fromEnvironment(env, dynamoDb, clock);
        this.clock = clock;
        this.tokens = tokens;
        this.api = AccountsApi.create(
                module,
                clock,
                () -> UUID.randomUUID().toString(),
                tokens,
                Observability.fromEnvironment(env, clock),
                PersonalDataVault.fromSettings(
                        env::optional, () -> clients.build(KmsClient.builder()), dynamoDb, clock));
    }

    /** The routes this handler serves, in registration order. */
    List<Router.Route> routes() {
        return api.routes();
    }

    @Override
    public HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
        return api.handle(event);
    }

    /** Before a SnapStart snapshot: see {@link #prime()}. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    /**
     * Runs {@link Priming}'s requests through a copy of the API over in-memory stores (snapshots
     * taken as configured), then a command's DynamoDB requests through the real client without
     * changing a table: the snapshot then holds loaded, warmed classes, but no account state.
     *
     * @return the status of each priming request
     */
    List<Integer> prime() {
        InMemoryEventStore memory = new InMemoryEventStore(clock);
        StructuredLogger log = StructuredLogger.fromEnvironment(env, clock);
        AccountsModule copy = new AccountsModule(
                memory,
                Optional.of(AccountSnapshots.fromEnvironment(env)
                        .snapshotting(
                                new InMemorySnapshotStore(),
                                (streamId, problem, cause) ->
                                        log.with("streamId", streamId).warn(problem, cause))),
                clock,
                AccountsModule.DEFAULT_CACHE_CAPACITY,
                ConflictRetries.DEFAULT,
                Optional.of(memory));
        List<Integer> statuses = Priming.run(ApiGatewayHandler.throughTheWire(AccountsApi.create(
                copy, clock, () -> Priming.ACCOUNT_ID, tokens, Observability.priming(clock))::handle));
        Priming.throughDynamoDb(
                new DynamoDbEventStore(
                        dynamoDb,
                        env.require(AccountsEnvironment.EVENTS_TABLE),
                        env.require(AccountsEnvironment.IDEMPOTENCY_TABLE),
                        clock,
                        List.of(new InlineViewTable(
                                AccountBalanceView.VIEW,
                                env.require(AccountsEnvironment.BALANCES_TABLE),
                                AccountBalanceView.KEY))),
                new DynamoDbEventTableSnapshots(dynamoDb, env.require(AccountsEnvironment.EVENTS_TABLE)),
                memory.readAfter(Priming.streamId(), 0).getFirst(),
                memory.findView(AccountBalanceView.VIEW, Priming.ACCOUNT_ID).stream()
                        .toList(),
                log);
        return statuses;
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK replaces pooled connections that went stale in the snapshot
    }
}
