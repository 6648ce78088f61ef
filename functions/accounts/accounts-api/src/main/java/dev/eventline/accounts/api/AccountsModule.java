package dev.eventline.accounts.api;

import static dev.eventline.accounts.application.AccountsEnvironment.EVENTS_TABLE;
import static dev.eventline.accounts.application.AccountsEnvironment.IDEMPOTENCY_TABLE;

import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.eventstore.CommandExecutor;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.StreamLoader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.snapshot.SnapshotProblems;
import dev.eventline.eventstore.snapshot.Snapshotting;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.StructuredLogger;
import java.time.Clock;
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
        this.store = store;
        this.codec = new AccountEventCodec();
        CommandExecutor.Builder<AccountAccess.Guarded, AccountEvent, AccountState> builder = CommandExecutor.builder(
                        store, AccountAccess.DECIDER, codec)
                .clock(clock)
                .cacheCapacity(cacheCapacity)
                .conflictRetries(retries)
                // an account is opened under an id the service generates: one write, no read
                .opensNewStream(guarded -> guarded.command() instanceof OpenAccount);
        snapshotting.ifPresent(builder::snapshotting);
        this.executor = builder.build();
    }

    /** The tables, snapshot strategy and retry budget of the deployed function, from its environment. */
    public static AccountsModule fromEnvironment(LambdaEnvironment env, DynamoDbClient dynamoDb, Clock clock) {
        EventStore store =
                new DynamoDbEventStore(dynamoDb, env.require(EVENTS_TABLE), env.require(IDEMPOTENCY_TABLE), clock);
        // snapshots beside the events: a cold command reads snapshot and tail in one request
        DynamoDbEventTableSnapshots snapshots = new DynamoDbEventTableSnapshots(dynamoDb, env.require(EVENTS_TABLE));
        StructuredLogger log = StructuredLogger.fromEnvironment(env, clock);
        SnapshotProblems problems =
                (streamId, problem, cause) -> log.with("streamId", streamId).warn(problem, cause);
        return new AccountsModule(
                store,
                Optional.of(AccountSnapshots.fromEnvironment(env).snapshotting(snapshots, problems)),
                clock,
                DEFAULT_CACHE_CAPACITY,
                ConflictRetries.fromSetting(env.optional(ConflictRetries.BUDGET_VARIABLE)));
    }

    public EventStore store() {
        return store;
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
