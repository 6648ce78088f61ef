package dev.eventline.bench;

import dev.eventline.accounts.api.AccountsApi;
import dev.eventline.accounts.api.AccountsApiHandler;
import dev.eventline.accounts.api.AccountsModule;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.HttpApi;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.ordering.commandapi.CommandApiHandler;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Issue 8's figures: N writers on one stream. Each writer is a container of its own (handler, SDK
 * client, state cache) sending commands without If-Match, one after the other, all writers at once:
 * items added to one order (command API), deposits on one account (accounts API). Prints, per row,
 * how many commands succeeded, their latency, and what DynamoDB served per successful command —
 * requests and write capacity, failed conditional writes included (they consume WCU too).
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@hot-streams} (after {@code make build});
 * {@code -Dbench.commands=N} commands per writer (default 5), {@code -Dbench.rounds=N} (default 4, each
 * on a new order and a new account), {@code -Dbench.writers=1,5,10}, {@code -Dbench.budgetMs=N} (the
 * functions' {@code CONFLICT_RETRY_BUDGET_MS}; default: the executor's 3 s).
 *
 * <p>moto serializes requests (localstack/moto_server.py), so latencies say how this machine's
 * emulator queues a hot stream, not DynamoDB's; the request and capacity counts are what DynamoDB
 * would serve for the same sequence of wins and losses.
 */
public final class HotStreamBenchmark {
    private static final int COMMANDS_EACH = Integer.getInteger("bench.commands", 5);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    private static final List<Integer> WRITERS =
            List.of(System.getProperty("bench.writers", "1,5,10").split(",")).stream()
                    .map(String::strip)
                    .map(Integer::parseInt)
                    .toList();

    private final LambdaEnvironment orders;
    private final LambdaEnvironment accounts;
    private final CapacityMeter meter = new CapacityMeter();

    private HotStreamBenchmark(LambdaEnvironment orders, LambdaEnvironment accounts) {
        this.orders = orders;
        this.accounts = accounts;
    }

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            new HotStreamBenchmark(
                            environment(endpoint, resources, CommandApiHandler.class),
                            environment(endpoint, resources, AccountsApiHandler.class))
                    .run();
        }
    }

    /** The function's template environment on the emulator, with {@code -Dbench.budgetMs} as its retry budget if given. */
    private static LambdaEnvironment environment(AwsEndpoint endpoint, LocalResources resources, Class<?> handler) {
        Map<String, String> variables = new HashMap<>(endpoint.lambdaEnvironment(resources.environmentOf(handler)));
        Optional.ofNullable(System.getProperty("bench.budgetMs"))
                .ifPresent(ms -> variables.put(ConflictRetries.BUDGET_VARIABLE, ms));
        return new LambdaEnvironment(variables);
    }

    /** One writer's container: a handler of its own. */
    private interface Container extends Function<HttpApiEvent, HttpApiResponse> {}

    /** What one writer sends as its {@code n}-th command. */
    private interface Commands {
        HttpApiEvent command(int writer, int n);
    }

    private record Outcome(int status, long nanos) {}

    private record Row(String stream, int writers, List<Outcome> outcomes, Usage usage) {
        Row plus(Row other) {
            List<Outcome> all = new ArrayList<>(outcomes);
            all.addAll(other.outcomes);
            Usage sum = new Usage(
                    usage.requests() + other.usage.requests(),
                    merged(usage.requestsByOperation(), other.usage.requestsByOperation()),
                    usage.readUnits() + other.usage.readUnits(),
                    usage.writeUnits() + other.usage.writeUnits(),
                    usage.itemsRead() + other.usage.itemsRead());
            return new Row(stream, writers, all, sum);
        }

        private static Map<String, Long> merged(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> sum = new TreeMap<>(a);
            b.forEach((k, v) -> sum.merge(k, v, Long::sum));
            return sum;
        }

        long succeeded() {
            return outcomes.stream().filter(o -> o.status() < 300).count();
        }

        long conflicts() {
            return outcomes.stream().filter(o -> o.status() == 409).count();
        }

        double percentile(double p) {
            long[] sorted = outcomes.stream().mapToLong(Outcome::nanos).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    private void run() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int writers : WRITERS) {
            Row order = null;
            Row account = null;
            for (int round = 0; round < ROUNDS; round++) { // each round on a new order and a new account
                String orderId = placeOrder();
                Row o = hot(
                        "order (add item)",
                        writers,
                        this::orderContainer,
                        (writer, n) -> addItem(orderId, "W" + writer));
                order = order == null ? o : order.plus(o);
                String accountId = openAccount();
                Row a = hot(
                        "account (deposit)",
                        writers,
                        this::accountContainer,
                        (writer, n) -> deposit(accountId, 100L + writer));
                account = account == null ? a : account.plus(a);
            }
            rows.add(order);
            rows.add(account);
        }
        print(rows);
    }

    private Row hot(String stream, int writers, Supplier<Container> containers, Commands commands) throws Exception {
        List<Container> fleet = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            fleet.add(containers.get());
        }
        CountDownLatch start = new CountDownLatch(1);
        Usage before = meter.usage();
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Callable<List<Outcome>> task = () -> {
                    start.await();
                    List<Outcome> mine = new ArrayList<>(COMMANDS_EACH);
                    for (int n = 0; n < COMMANDS_EACH; n++) {
                        HttpApiEvent event = commands.command(writer, n);
                        long began = System.nanoTime();
                        HttpApiResponse response = fleet.get(writer).apply(event);
                        mine.add(new Outcome(response.statusCode(), System.nanoTime() - began));
                        if (response.statusCode() >= 300 && response.statusCode() != 409) {
                            throw new IllegalStateException(
                                    "benchmark command failed: " + response.statusCode() + " " + response.body());
                        }
                    }
                    return mine;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<List<Outcome>> future : futures) {
                outcomes.addAll(future.get(10, TimeUnit.MINUTES));
            }
        }
        return new Row(stream, writers, outcomes, meter.usage().minus(before));
    }

    private static void print(List<Row> rows) {
        String format = "| %-18s | %7s | %8s | %8s | %4s | %7s | %7s | %7s | %9s | %-30s | %7s |%n";
        System.out.println();
        System.out.printf(
                "N writers on one stream (each a container of its own, %d commands each, no If-Match, %d rounds"
                        + " on new streams; against moto, %d cores, load average %.1f)%n",
                COMMANDS_EACH,
                ROUNDS,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(
                format,
                "stream",
                "writers",
                "commands",
                "success",
                "409",
                "p50 ms",
                "p99 ms",
                "max ms",
                "req/succ",
                "requests by operation",
                "WCU/succ");
        System.out.printf(
                format,
                "-".repeat(18),
                "-".repeat(7),
                "-".repeat(8),
                "-".repeat(8),
                "-".repeat(4),
                "-".repeat(7),
                "-".repeat(7),
                "-".repeat(7),
                "-".repeat(9),
                "-".repeat(30),
                "-".repeat(7));
        for (Row row : rows) {
            long ok = Math.max(1, row.succeeded());
            System.out.printf(
                    format,
                    row.stream(),
                    row.writers(),
                    row.outcomes().size(),
                    String.format(
                            "%.1f %%", 100.0 * row.succeeded() / row.outcomes().size()),
                    row.conflicts(),
                    String.format("%.1f", row.percentile(0.50)),
                    String.format("%.1f", row.percentile(0.99)),
                    String.format("%.1f", row.percentile(1.0)),
                    String.format("%.2f", (double) row.usage().requests() / ok),
                    row.usage().requestsByOperation().toString(),
                    String.format("%.2f", row.usage().writeUnits() / ok));
            BenchResults.shared()
                    .record(BenchRow.of("hot stream: " + row.stream() + ", " + row.writers() + " writers (per success)")
                            .capacity(
                                    (double) row.usage().requests() / ok,
                                    row.usage().readUnits() / ok,
                                    row.usage().writeUnits() / ok,
                                    (double) row.usage().itemsRead() / ok)
                            .latency(row.percentile(0.50), row.percentile(0.99)));
        }
    }

    private Container orderContainer() {
        CommandApiHandler handler =
                new CommandApiHandler(orders, new AwsClients(orders, meter), Clock.systemUTC(), line -> {});
        return event -> handler.handleRequest(event, null);
    }

    /** The accounts handler's wiring, minus its tracing span: the module and routes it builds, on a metered client. */
    private Container accountContainer() {
        return accountsApi(new AwsClients(accounts, meter))::handle;
    }

    private HttpApi accountsApi(AwsClients clients) {
        Clock clock = Clock.systemUTC();
        return AccountsApi.create(
                AccountsModule.fromEnvironment(accounts, clients.dynamoDb(), clock),
                clock,
                () -> UUID.randomUUID().toString(),
                ConsistencyTokens.fromEnvironment(accounts),
                Observability.discarding("accounts-api", clock));
    }

    /** Set-up, unmetered: a new order to be hot. */
    private String placeOrder() {
        CommandApiHandler setup = new CommandApiHandler(orders, new AwsClients(orders), Clock.systemUTC(), line -> {});
        HttpApiResponse placed =
                setup.handleRequest(ApiGatewayEvents.fromJson(Samples.text("api/orders/place-order.json")), null);
        if (placed.statusCode() != 201) {
            throw new IllegalStateException("could not place an order: " + placed.body());
        }
        String location = placed.headers().get("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Set-up, unmetered: a new account to be hot. */
    private String openAccount() {
        String accountId = "acc-" + UUID.randomUUID().toString().substring(0, 13);
        HttpApiResponse opened = accountsApi(new AwsClients(accounts))
                .handle(ApiGatewayEvents.fromJson(
                        Samples.text("api/accounts/open-account-with-id.json").replace("{{accountId}}", accountId)));
        if (opened.statusCode() != 201) {
            throw new IllegalStateException("could not open an account: " + opened.body());
        }
        return accountId;
    }

    /** One unit more of the writer's own SKU each time: the order keeps one line per writer. */
    private static HttpApiEvent addItem(String orderId, String sku) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(
                Samples.text("api/orders/add-item.json").replace("{{orderId}}", orderId));
        return event.withBody("{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPrice\":100}");
    }

    private static HttpApiEvent deposit(String accountId, long amount) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(
                Samples.text("api/accounts/deposit.json").replace("{{accountId}}", accountId));
        return event.withBody("{\"amount\":" + amount + "}");
    }
}
