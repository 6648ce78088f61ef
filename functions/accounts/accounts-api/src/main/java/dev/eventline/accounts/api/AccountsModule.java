package dev.eventline.accounts.api;

import static dev.eventline.accounts.application.AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE;
import static dev.eventline.accounts.application.AccountsEnvironment.BALANCES_TABLE;
import static dev.eventline.accounts.application.AccountsEnvironment.BALANCE_HISTORY_TABLE;
import static dev.eventline.accounts.application.AccountsEnvironment.EVENTS_TABLE;
import static dev.eventline.accounts.application.AccountsEnvironment.IDEMPOTENCY_TABLE;

import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.accounts.application.AccountBalanceView;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.eventstore.CommandExecutor;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.InlineViews;
import dev.eventline.eventstore.StreamLoader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.dynamodb.InlineViewTable;
import dev.eventline.eventstore.snapshot.SnapshotProblems;
import dev.eventline.eventstore.snapshot.Snapshotting;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.StructuredLogger;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The account aggregate wired to its stores: built once per container, shared by the HTTP API and
 * the benchmarks. Without snapshotting every load replays the stream from its first event.
 */
public final class AccountsModule {
    /** Accounts whose state a warm container keeps; a state is a few hundred bytes. */
    public static final int DEFAULT_CACHE_CAPACITY = 1_000;

    private final EventStore store;
    private final EventCodec<AccountEvent> codec;
    private final CommandExecutor<AccountAccess.Guarded, AccountEvent, AccountState> executor;
    private final Optional<InlineViews> balances;
    private Optional<ListTables> lists = Optional.empty();

    /** The projector's tables the lists are read from, with the client to read them. */
    record ListTables(DynamoDbClient dynamoDb, String byOwner, String history) {}

    /** @param cacheCapacity accounts kept in memory between commands; 0 makes every command load (cold) */
    public AccountsModule(
            EventStore store, Optional<Snapshotting<AccountState>> snapshotting, Clock clock, int cacheCapacity) {
        this(store, snapshotting, clock, cacheCapacity, ConflictRetries.DEFAULT);
    }

    /** @param retries how long, and how spaced, lost races on an account are retried */
    public AccountsModule(
            EventStore store,
            Optional<Snapshotting<AccountState>> snapshotting,
            Clock clock,
            int cacheCapacity,
            ConflictRetries retries) {
        this(store, snapshotting, clock, cacheCapacity, retries, Optional.empty());
    }

    /**
     * @param balances where the inline balance view is kept ({@link AccountBalanceView}): when present,
     *                 every command writes it with its events and account reads are one point read;
     *                 when empty, reads fold the stream
     */
    public AccountsModule(
            EventStore store,
            Optional<Snapshotting<AccountState>> snapshotting,
            Clock clock,
            int cacheCapacity,
            ConflictRetries retries,
            Optional<InlineViews> balances) {
        this.store = store;
        this.balances = balances;
        this.codec = new AccountEventCodec();
        CommandExecutor.Builder<AccountAccess.Guarded, AccountEvent, AccountState> builder = CommandExecutor.builder(
                        store, AccountAccess.DECIDER, codec)
                .clock(clock)
                .cacheCapacity(cacheCapacity)
                .conflictRetries(retries)
                // an account is opened under an id the service generates: one write, no read
                .opensNewStream(guarded -> guarded.command() instanceof OpenAccount);
        snapshotting.ifPresent(builder::snapshotting);
        if (balances.isPresent()) {
            builder.inlineProjection(AccountBalanceView::project);
        }
        this.executor = builder.build();
    }

    /** The tables, snapshot strategy and retry budget of the deployed function, from its environment. */
    public static AccountsModule fromEnvironment(LambdaEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
        DynamoDbEventStore store = new DynamoDbEventStore(
                dynamoDb,
                env.require(EVENTS_TABLE),
                env.require(IDEMPOTENCY_TABLE),
                clock,
                List.of(new InlineViewTable(
                        AccountBalanceView.VIEW, env.require(BALANCES_TABLE), AccountBalanceView.KEY)));
        // snapshots beside the events: a cold command reads snapshot and tail in one request
        DynamoDbEventTableSnapshots snapshots = new DynamoDbEventTableSnapshots(dynamoDb, env.require(EVENTS_TABLE));
        StructuredLogger log = StructuredLogger.fromEnvironment(env, clock);
        SnapshotProblems problems =
                (streamId, problem, cause) -> log.with("streamId", streamId).warn(problem, cause);
        AccountsModule module = new AccountsModule(
                store,
                Optional.of(AccountSnapshots.fromEnvironment(env).snapshotting(snapshots, problems)),
                clock,
                DEFAULT_CACHE_CAPACITY,
                ConflictRetries.fromSetting(env.optional(ConflictRetries.BUDGET_VARIABLE)),
                Optional.of(store));
        // optional: a deployment from before the accounts projector serves no lists
        env.optional(ACCOUNTS_BY_OWNER_TABLE)
                .ifPresent(byOwner -> module.lists =
                        Optional.of(new ListTables(dynamoDb, byOwner, env.require(BALANCE_HISTORY_TABLE))));
        return module;
    }

    public EventStore store() {
        return store;
    }

    /** The accounts projector's tables, when the environment names them. */
    public Optional<ListTables> lists() {
        return lists;
    }

    /** The inline balance view, when this module keeps one. */
    public Optional<InlineViews> balances() {
        return balances;
    }

    public EventCodec<AccountEvent> codec() {
        return codec;
    }

    public CommandExecutor<AccountAccess.Guarded, AccountEvent, AccountState> executor() {
        return executor;
    }

    /** Snapshot plus tail, or a full replay; shares the executor's snapshot configuration. */
    public StreamLoader<AccountEvent, AccountState> loader() {
        return executor.loader();
    }
}
