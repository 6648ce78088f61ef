package dev.eventline.bench;

import dev.eventline.accounts.AccountCommand;
import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.ChangeOverdraftLimit;
import dev.eventline.accounts.DepositMoney;
import dev.eventline.accounts.FreezeAccount;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.UnfreezeAccount;
import dev.eventline.accounts.WithdrawMoney;
import dev.eventline.accounts.api.AccountsApiHandler;
import dev.eventline.accounts.api.AccountsModule;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.accounts.application.AccountStateCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.accounts.application.SnapshotStrategy;
import dev.eventline.accounts.snapshots.ScheduledSnapshots;
import dev.eventline.accounts.snapshots.SnapshotChaser;
import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotPolicy;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import dev.eventline.eventstore.snapshot.Snapshotting;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a deposit costs on an account of 10,000 events, per snapshot strategy: load time, DynamoDB
 * requests, read and write capacity, events read. Run against its own moto server, provisioned from
 * the synthesized templates:
 *
 * <pre>mvn -pl functions/tooling/benchmarks exec:java@snapshots   (or -Dexec.mainClass=dev.eventline.bench.AccountSnapshotBenchmark)</pre>
 *
 * <p>Per strategy one account gets the same 10,000-event history, appended 100 events at a time,
 * then the snapshot that strategy would have left: count-based and event-triggered by
 * replaying their inline policy over the history as if each event were one command; the chaser by
 * running the real {@link SnapshotChaser} after every 100-event batch, as Lambda would; the time-based
 * strategy by running the real {@link ScheduledSnapshots} every 2,500 events. Snapshots are kept
 * beside the events, as deployed. Then
 * {@code -Dbench.runs} (20) deposits on a <em>cold</em> executor each (new executor, no state
 * cache: what a new Lambda container, or a container that has not seen the account, pays) and as
 * many on one <em>warm</em> executor. The SDK client is built once: JVM and client start-up are not
 * in the numbers.
 *
 * <p>The history is written with {@code BatchWriteItem} (25 items a request) in the store's item
 * format, not with the store's 100-item {@code TransactWriteItems}: moto deep-copies the whole table
 * for every item of a transaction, so transactional seeding grows quadratically with the table (700
 * events took over 5 minutes). The writes being measured are the store's own.
 *
 * <p>Latencies are moto's on this machine, not DynamoDB's. Requests, capacity units and events read
 * are what DynamoDB would serve and bill: capacity is computed from item sizes
 * ({@link CapacityMeter}), because moto reports fixed numbers.
 */
public final class AccountSnapshotBenchmark {
    static final int EVENTS = 10_000;
    static final int BATCH = 100;
    static final int THRESHOLD = AccountSnapshots.DEFAULT_THRESHOLD;
    /**
     * A credit review every 2,000 events (roughly yearly for a busy account), the last one at 8,500:
     * the event strategy's milestones, so its snapshot trails the head by 1,500 events.
     */
    static final int REVIEW_EVERY = 2_000;

    static final int REVIEW_OFFSET = 500;
    static final int FREEZE_AT = 5_000;

    /**
     * The time-based strategy's schedule runs once per 2,500 events appended, the last run after the
     * last event: the account then rests, as an account between busy periods does.
     */
    static final int SCHEDULE_EVERY = 2_500;

    private enum Scenario {
        NO_SNAPSHOT("no snapshot"),
        COUNT("count-based N=100"),
        EVENT("event-triggered"),
        CHASER("chaser-maintained"),
        TIME("time-based");

        final String label;

        Scenario(String label) {
            this.label = label;
        }

        Optional<SnapshotStrategy> strategy() {
            return switch (this) {
                case NO_SNAPSHOT -> Optional.empty();
                case COUNT -> Optional.of(SnapshotStrategy.COUNT);
                case EVENT -> Optional.of(SnapshotStrategy.EVENT);
                case CHASER -> Optional.of(SnapshotStrategy.CHASER);
                case TIME -> Optional.of(SnapshotStrategy.TIME);
            };
        }
    }

    /** One measured deposit. */
    private record Run(double loadMs, double commandMs, Usage usage, int eventsRead) {}

    private record Row(Scenario scenario, String mode, long snapshotAt, List<Run> runs) {}

    private final Clock clock = Clock.systemUTC();
    private final AccountEventCodec codec = new AccountEventCodec();
    private final DynamoDbClient plain;
    private final String eventsTable;
    private final EventStore store;
    private final SnapshotStore snapshots;
    private final EventStore meteredStore;
    private final SnapshotStore meteredSnapshots;
    private final CapacityMeter meter;
    private final int runs;
    private final int replayRuns;
    /** What the chaser itself consumed while the chaser scenario's history was appended (off the command path). */
    private Usage chaserUpkeep;

    private int chaserSnapshots;
    private Usage scheduleUpkeep;
    private int scheduledSnapshots;
    private final DynamoDbClient metered;

    private AccountSnapshotBenchmark(Map<String, String> env, DynamoDbClient plain, int runs, int replayRuns) {
        this.meter = new CapacityMeter();
        this.metered = new AwsClients(new LambdaEnvironment(env), meter).dynamoDb();
        this.plain = plain;
        this.eventsTable = env.get(AccountsEnvironment.EVENTS_TABLE);
        this.store = new DynamoDbEventStore(plain, eventsTable, env.get(AccountsEnvironment.IDEMPOTENCY_TABLE), clock);
        // snapshots beside the events, as the deployed functions keep them
        this.snapshots = new DynamoDbEventTableSnapshots(plain, eventsTable);
        this.meteredStore = new DynamoDbEventStore(
                metered,
                env.get(AccountsEnvironment.EVENTS_TABLE),
                env.get(AccountsEnvironment.IDEMPOTENCY_TABLE),
                clock);
        this.meteredSnapshots = new DynamoDbEventTableSnapshots(metered, eventsTable);
        this.runs = runs;
        this.replayRuns = replayRuns;
    }

    public static void main(String[] args) {
        int runs = Integer.getInteger("bench.runs", 20);
        int replayRuns = Integer.getInteger("bench.replayRuns", 5);
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            Map<String, String> env = endpoint.lambdaEnvironment(resources.environmentOf(AccountsApiHandler.class));
            AccountSnapshotBenchmark benchmark =
                    new AccountSnapshotBenchmark(env, endpoint.dynamoDb(), runs, replayRuns);
            List<Row> rows = new ArrayList<>();
            for (Scenario scenario : Scenario.values()) {
                rows.addAll(benchmark.measure(scenario));
            }
            benchmark.print(rows);
            benchmark.printScheduleUpkeep();
        }
    }

    private List<Row> measure(Scenario scenario) {
        String accountId = "bench-" + scenario.name().toLowerCase().replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        String streamId = AccountStreams.streamId(accountId);
        long snapshotAt = seed(scenario, accountId);
        System.err.printf(
                "%-18s seeded %,d events, snapshot at %s%n", scenario.label, EVENTS, snapshotAt < 0 ? "-" : snapshotAt);

        // a full replay of 10,000 events takes moto ~45 s: fewer runs there, the median barely moves
        int coldRuns = scenario == Scenario.NO_SNAPSHOT ? Math.min(runs, replayRuns) : runs;
        List<Run> cold = new ArrayList<>();
        for (int i = 0; i < coldRuns; i++) {
            AccountsModule fresh = module(scenario, 0);
            long start = System.nanoTime();
            fresh.loader().load(streamId);
            double loadMs = (System.nanoTime() - start) / 1e6;
            cold.add(deposit(module(scenario, 0), accountId, loadMs));
        }
        AccountsModule warm = module(scenario, AccountsModule.DEFAULT_CACHE_CAPACITY);
        deposit(warm, accountId, 0); // the container's first command for this account is a cold one
        List<Run> warmRuns = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            warmRuns.add(deposit(warm, accountId, 0));
        }
        return List.of(new Row(scenario, "cold", snapshotAt, cold), new Row(scenario, "warm", snapshotAt, warmRuns));
    }

    private AccountsModule module(Scenario scenario, int cacheCapacity) {
        Optional<Snapshotting<AccountState>> snapshotting = scenario.strategy()
                .map(strategy -> new AccountSnapshots(strategy, THRESHOLD)
                        .snapshotting(meteredSnapshots, (streamId, problem, cause) -> {
                            // every scenario seeds a usable snapshot: a run without it would measure a replay
                            throw new IllegalStateException(streamId + ": " + problem, cause);
                        }));
        return new AccountsModule(meteredStore, snapshotting, clock, cacheCapacity);
    }

    private Run deposit(AccountsModule module, String accountId, double loadMs) {
        Instant now = clock.instant();
        String commandId = UUID.randomUUID().toString();
        Usage before = meter.usage();
        long start = System.nanoTime();
        CommandResult<AccountState> result = module.executor()
                .execute(
                        AccountStreams.streamId(accountId),
                        new AccountAccess.Guarded(
                                AccountAccess.trusted(), new DepositMoney(accountId, 100, "benchmark", now)),
                        new CommandContext(commandId, commandId, commandId, null, "benchmark", now),
                        Expectation.any());
        double commandMs = (System.nanoTime() - start) / 1e6;
        Usage used = meter.usage().minus(before);
        int eventsRead = ((CommandResult.Executed<AccountState>) result).load().eventsRead();
        return new Run(loadMs, commandMs, used, eventsRead);
    }

    /**
     * Appends the history and leaves the snapshot the scenario's strategy would have left.
     *
     * @return the snapshot's version, or -1 for none
     */
    private long seed(Scenario scenario, String accountId) {
        String streamId = AccountStreams.streamId(accountId);
        AccountStateCodec stateCodec = new AccountStateCodec();
        SnapshotPolicy inline = scenario.strategy()
                .map(s -> new AccountSnapshots(s, THRESHOLD).policy())
                .orElse(SnapshotPolicy.never());
        SnapshotChaser chaser = new SnapshotChaser(meteredStore, meteredSnapshots, THRESHOLD, clock);
        ScheduledSnapshots schedule = new ScheduledSnapshots(
                metered, eventsTable, new SnapshotChaser(meteredStore, meteredSnapshots, 1, clock));
        Instant lastRun = clock.instant();
        Usage beforeChaser = meter.usage();
        AccountState state = AccountDecider.INSTANCE.initial();
        long version = 0;
        long snapshotVersion = 0;
        AccountState snapshotState = null;
        List<NewEvent> batch = new ArrayList<>(BATCH);
        while (version < EVENTS) {
            for (AccountEvent event : AccountDecider.INSTANCE.decide(command(accountId, version + 1, state), state)) {
                state = AccountDecider.INSTANCE.evolve(state, event);
                version++;
                EncodedEvent encoded = codec.encode(event);
                batch.add(new NewEvent(
                        UUID.randomUUID().toString(),
                        encoded.type(),
                        encoded.schemaVersion(),
                        encoded.data(),
                        new EventMetadata(
                                "seed-" + version, "seed", "seed-" + version, null, "benchmark", state.updatedAt())));
                // what the inline policy would have decided had this event been one command
                if (inline.shouldSnapshot(snapshotVersion, version, List.of(encoded.type()))) {
                    snapshotVersion = version;
                    snapshotState = state;
                }
            }
            if (batch.size() >= BATCH || version >= EVENTS) {
                write(streamId, version - batch.size(), batch);
                batch = new ArrayList<>(BATCH);
                if (scenario == Scenario.CHASER
                        && chaser.chase(streamId, version).isPresent()) { // one Lambda batch of 100 records
                    chaserSnapshots++;
                }
                if (scenario == Scenario.TIME && version % SCHEDULE_EVERY == 0) { // a run of the schedule
                    Instant now = clock.instant();
                    scheduledSnapshots += schedule.run(lastRun).snapshotted().size();
                    lastRun = now;
                }
            }
        }
        if (scenario == Scenario.CHASER) {
            chaserUpkeep = meter.usage().minus(beforeChaser);
        }
        if (scenario == Scenario.TIME) {
            scheduleUpkeep = meter.usage().minus(beforeChaser);
        }
        if (snapshotState != null) {
            snapshots.save(new Snapshot(
                    streamId,
                    snapshotVersion,
                    stateCodec.schemaVersion(),
                    stateCodec.encode(snapshotState),
                    clock.instant()));
        }
        return snapshots.load(streamId).map(Snapshot::version).orElse(-1L);
    }

    /** Events at {@code afterVersion + 1 ...}, as the store would write them, 25 items a request. */
    private void write(String streamId, long afterVersion, List<NewEvent> events) {
        Instant now = clock.instant();
        List<WriteRequest> writes = new ArrayList<>(events.size());
        long version = afterVersion;
        for (NewEvent event : events) {
            Map<String, AttributeValue> item = EventItem.toItem(RecordedEvent.of(streamId, ++version, event, now));
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<WriteRequest>> pending =
                    Map.of(eventsTable, writes.subList(from, Math.min(from + 25, writes.size())));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = plain.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** The command producing event {@code next}: mostly money in and out, with the milestones of a real account. */
    private static AccountCommand command(String accountId, long next, AccountState state) {
        Instant at = Instant.parse("2021-01-01T00:00:00Z").plusSeconds(next * 3_600);
        if (next == 1) {
            return new OpenAccount(accountId, "owner-bench", "EUR", 100_000, at);
        }
        if (next % REVIEW_EVERY == REVIEW_OFFSET) {
            return new ChangeOverdraftLimit(accountId, state.overdraftLimit() == 100_000 ? 150_000 : 100_000, at);
        }
        if (next == FREEZE_AT) {
            return new FreezeAccount(accountId, "routine check", at);
        }
        if (next == FREEZE_AT + 1) {
            return new UnfreezeAccount(accountId, at);
        }
        return next % 3 == 0
                ? new WithdrawMoney(accountId, 2_000, "card", at)
                : new DepositMoney(accountId, 1_500, "salary", at);
    }

    private void print(List<Row> rows) {
        System.out.println();
        System.out.printf(
                "Deposit on an account of %,d events (moto on localhost; capacity computed from item sizes)%n", EVENTS);
        String format = "%-18s %-5s %4s %9s %9s %10s %9s %-30s %8s %8s %13s%n";
        System.out.printf(
                format,
                "strategy",
                "mode",
                "runs",
                "snapshot",
                "load ms",
                "command ms",
                "requests",
                "requests by operation",
                "RCU",
                "WCU",
                "events read");
        System.out.printf(
                format,
                "",
                "",
                "",
                "at",
                "(median)",
                "(median)",
                "(mean)",
                "(per command, total/runs)",
                "(mean)",
                "(mean)",
                "(median/max)");
        for (Row row : rows) {
            List<Run> r = row.runs();
            String load = row.mode().equals("cold")
                    ? String.format("%.1f", median(r, run -> (long) (run.loadMs() * 1000)) / 1000.0)
                    : "-";
            System.out.printf(
                    format,
                    row.scenario().label,
                    row.mode(),
                    r.size(),
                    row.snapshotAt() < 0 ? "-" : Long.toString(row.snapshotAt()),
                    load,
                    String.format("%.1f", median(r, run -> (long) (run.commandMs() * 1000)) / 1000.0),
                    String.format(
                            "%.2f",
                            r.stream()
                                    .mapToLong(run -> run.usage().requests())
                                    .average()
                                    .orElse(0)),
                    operations(r),
                    String.format(
                            "%.1f",
                            r.stream()
                                    .mapToDouble(run -> run.usage().readUnits())
                                    .average()
                                    .orElse(0)),
                    String.format(
                            "%.2f",
                            r.stream()
                                    .mapToDouble(run -> run.usage().writeUnits())
                                    .average()
                                    .orElse(0)),
                    median(r, run -> run.eventsRead()) + " / "
                            + r.stream().mapToInt(Run::eventsRead).max().orElse(0));
            BenchResults.shared()
                    .record(BenchRow.of("snapshots, " + EVENTS + "-event account: " + row.scenario().label + " ("
                                    + row.mode() + ")")
                            .capacity(
                                    r.stream()
                                            .mapToLong(run -> run.usage().requests())
                                            .average()
                                            .orElse(0),
                                    r.stream()
                                            .mapToDouble(run -> run.usage().readUnits())
                                            .average()
                                            .orElse(0),
                                    r.stream()
                                            .mapToDouble(run -> run.usage().writeUnits())
                                            .average()
                                            .orElse(0),
                                    median(r, run -> run.eventsRead()))
                            .p50(median(r, run -> (long) (run.commandMs() * 1000)) / 1000.0));
        }
        if (chaserUpkeep != null) {
            double per100 = 100.0 / EVENTS;
            System.out.printf(
                    "%nChaser upkeep, off the command path, while %,d events were appended in batches of %d: %d snapshots, "
                            + "%d requests (%s), %.1f RCU, %.1f WCU; per 100 events: %.2f requests, %.2f RCU, %.2f WCU%n",
                    EVENTS,
                    BATCH,
                    chaserSnapshots,
                    chaserUpkeep.requests(),
                    chaserUpkeep.requestsByOperation(),
                    chaserUpkeep.readUnits(),
                    chaserUpkeep.writeUnits(),
                    chaserUpkeep.requests() * per100,
                    chaserUpkeep.readUnits() * per100,
                    chaserUpkeep.writeUnits() * per100);
        }
    }

    private void printScheduleUpkeep() {
        if (scheduleUpkeep != null) {
            System.out.printf(
                    "Time-based upkeep, off the command path, %d scheduled runs over %,d events (each scans the events"
                            + " table: here %d accounts): %d snapshots, %d requests (%s), %.1f RCU, %.1f WCU%n",
                    EVENTS / SCHEDULE_EVERY,
                    EVENTS,
                    Scenario.values().length,
                    scheduledSnapshots,
                    scheduleUpkeep.requests(),
                    scheduleUpkeep.requestsByOperation(),
                    scheduleUpkeep.readUnits(),
                    scheduleUpkeep.writeUnits());
        }
    }

    private static String operations(List<Run> runs) {
        Map<String, Long> total = new java.util.TreeMap<>();
        runs.forEach(run -> run.usage().requestsByOperation().forEach((op, n) -> total.merge(op, n, Long::sum)));
        List<String> parts = new ArrayList<>();
        total.forEach((op, n) -> parts.add(op + " " + trim((double) n / runs.size())));
        return String.join(", ", parts);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.2f", value);
    }

    private interface RunMetric {
        long of(Run run);
    }

    private static long median(List<Run> runs, RunMetric metric) {
        long[] values = runs.stream().mapToLong(metric::of).toArray();
        Arrays.sort(values);
        return values.length == 0 ? 0 : values[values.length / 2];
    }
}
