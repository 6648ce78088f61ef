package dev.eventline.bench;

import dev.eventline.accounts.api.AccountsApi;
import dev.eventline.accounts.api.AccountsApiHandler;
import dev.eventline.accounts.api.AccountsModule;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
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
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issue 12's figures for the inline option: what a command and a read cost when the account balance
 * view is written inline (in the events' TransactWriteItems) and when it is left to an asynchronous
 * projector (the command writes its event alone). Per command and per read: DynamoDB requests, RCU,
 * WCU (computed from item sizes), latency against moto. The asynchronous projector's own writes per
 * event are the projector rows of {@code make bench}; its read is a GetItem like the inline one, but
 * may lag (the "append -> read model lag" row).
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@inline-views} (after {@code make build});
 * {@code -Dbench.commands=N} commands and reads per row (default 200).
 */
public final class InlineViewBenchmark {
    private static final int COMMANDS = Integer.getInteger("bench.commands", 200);
    private static final int FOLDED_EVENTS = 20;

    private final LambdaEnvironment env;
    private final CapacityMeter meter = new CapacityMeter();
    private final Clock clock = Clock.systemUTC();

    private InlineViewBenchmark(LambdaEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            new InlineViewBenchmark(new LambdaEnvironment(
                            endpoint.lambdaEnvironment(resources.environmentOf(AccountsApiHandler.class))))
                    .run();
        }
    }

    private void run() {
        AwsClients clients = new AwsClients(env, meter);
        HttpApi inline = api(AccountsModule.fromEnvironment(env, clients.dynamoDb(), clock));
        HttpApi asynchronous = api(new AccountsModule(
                new DynamoDbEventStore(
                        clients.dynamoDb(),
                        env.require(AccountsEnvironment.EVENTS_TABLE),
                        env.require(AccountsEnvironment.IDEMPOTENCY_TABLE),
                        clock),
                Optional.empty(),
                clock,
                AccountsModule.DEFAULT_CACHE_CAPACITY,
                ConflictRetries.DEFAULT,
                Optional.empty()));

        System.out.printf(
                "%-62s %9s %7s %7s %7s %9s %9s%n", "scenario", "requests", "RCU", "WCU", "read", "p50 ms", "p99 ms");
        String inlineAccount = open(inline);
        measure("deposit, balance view written inline (warm)", inline, n -> deposit(inlineAccount));
        String asyncAccount = open(asynchronous);
        measure("deposit, balance view left to a projector (warm)", asynchronous, n -> deposit(asyncAccount));
        measure("read GET /accounts/{id}, inline view (one GetItem)", inline, n -> get(inlineAccount));

        String folded = open(asynchronous);
        for (int i = 1; i < FOLDED_EVENTS; i++) {
            send(asynchronous, deposit(folded));
        }
        // no view: every read loads the stream (no snapshot below the chaser's threshold)
        measure(
                "read GET /accounts/{id}, fold of a " + FOLDED_EVENTS + "-event account (no view)",
                asynchronous,
                n -> get(folded));
    }

    private HttpApi api(AccountsModule module) {
        // a key of the benchmark's own: tokens are signed and never verified here
        byte[] secret = new byte[ConsistencyTokens.MIN_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return AccountsApi.create(
                module,
                clock,
                () -> UUID.randomUUID().toString(),
                new ConsistencyTokens(new ConsistencyTokens.Key("bench", secret), java.util.Optional.empty()),
                Observability.discarding("accounts-api", clock));
    }

    private void measure(String scenario, HttpApi api, Function<Integer, HttpApiEvent> request) {
        long[] nanos = new long[COMMANDS];
        Usage total = new Usage(0, Map.of(), 0, 0, 0);
        for (int i = 0; i < COMMANDS; i++) {
            HttpApiEvent event = request.apply(i);
            Usage before = meter.usage();
            long start = System.nanoTime();
            send(api, event);
            nanos[i] = System.nanoTime() - start;
            Usage used = meter.usage().minus(before);
            total = new Usage(
                    total.requests() + used.requests(),
                    Map.of(),
                    total.readUnits() + used.readUnits(),
                    total.writeUnits() + used.writeUnits(),
                    total.itemsRead() + used.itemsRead());
        }
        Arrays.sort(nanos);
        double p50 = nanos[(int) (COMMANDS * 0.50)] / 1e6;
        double p99 = nanos[Math.min(COMMANDS - 1, (int) (COMMANDS * 0.99))] / 1e6;
        double requests = (double) total.requests() / COMMANDS;
        double rcu = total.readUnits() / COMMANDS;
        double wcu = total.writeUnits() / COMMANDS;
        double read = (double) total.itemsRead() / COMMANDS;
        System.out.printf("%-62s %9.2f %7.2f %7.2f %7.1f %9.1f %9.1f%n", scenario, requests, rcu, wcu, read, p50, p99);
        BenchResults.shared()
                .record(BenchRow.of("inline vs async: " + scenario)
                        .capacity(requests, rcu, wcu, read)
                        .latency(p50, p99));
    }

    private static HttpApiResponse send(HttpApi api, HttpApiEvent event) {
        HttpApiResponse response = api.handle(event);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "benchmark request failed: " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private String open(HttpApi api) {
        String accountId = "acc-" + UUID.randomUUID().toString().substring(0, 13);
        send(
                api,
                ApiGatewayEvents.fromJson(
                        Samples.text("api/accounts/open-account-with-id.json").replace("{{accountId}}", accountId)));
        return accountId;
    }

    private static HttpApiEvent deposit(String accountId) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(
                Samples.text("api/accounts/deposit.json").replace("{{accountId}}", accountId));
        return event.withBody("{\"amount\":100}");
    }

    private static HttpApiEvent get(String accountId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/accounts/get-account.json").replace("{{accountId}}", accountId));
    }
}
