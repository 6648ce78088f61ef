package dev.eventline.bench;

import dev.eventline.accounts.api.AccountsApi;
import dev.eventline.accounts.api.AccountsApiHandler;
import dev.eventline.accounts.api.AccountsModule;
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
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsRequest;

/**
 * What crypto-shredding costs a command: the requests (KMS and the keys table) and the latency of
 * placing an order with the customer's contact, for a customer seen for the first time
 * ({@code GenerateDataKey}) and for a known one ({@code Decrypt}: keys are cached per request, never
 * per container), against the same placement without a contact; and the same for opening an
 * account with the holder's name (sealed for the owner) against opening one without. Against moto, whose KMS answers in
 * process: the latency difference is the client's work and one round trip, not AWS KMS's.
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@personal-data} (after {@code make build}).
 */
public final class PersonalDataBenchmark {
    private static final int COMMANDS = 200;

    private final LambdaEnvironment env;
    private final LambdaEnvironment accountsEnv;
    private final CapacityMeter meter = new CapacityMeter();
    /** The meter counts DynamoDB only; the KMS requests are the other half of the cost. */
    private final KmsCounter kms = new KmsCounter();

    /** KMS requests by operation (GenerateDataKey, Decrypt), counted on the benchmark's own clients. */
    private static final class KmsCounter implements ExecutionInterceptor {
        private final java.util.Map<String, java.util.concurrent.atomic.LongAdder> byOperation =
                new java.util.concurrent.ConcurrentSkipListMap<>();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof KmsRequest request) {
                byOperation
                        .computeIfAbsent(
                                request.getClass().getSimpleName().replace("Request", ""),
                                k -> new java.util.concurrent.atomic.LongAdder())
                        .increment();
            }
        }

        java.util.Map<String, Long> snapshot() {
            java.util.Map<String, Long> copy = new java.util.TreeMap<>();
            byOperation.forEach((operation, count) -> copy.put(operation, count.sum()));
            return copy;
        }

        static java.util.Map<String, Long> minus(
                java.util.Map<String, Long> after, java.util.Map<String, Long> before) {
            java.util.Map<String, Long> used = new java.util.TreeMap<>();
            after.forEach((operation, count) -> {
                long n = count - before.getOrDefault(operation, 0L);
                if (n > 0) {
                    used.put(operation, n);
                }
            });
            return used;
        }
    }

    private PersonalDataBenchmark(LambdaEnvironment env, LambdaEnvironment accountsEnv) {
        this.env = env;
        this.accountsEnv = accountsEnv;
    }

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            LambdaEnvironment env =
                    new LambdaEnvironment(endpoint.lambdaEnvironment(resources.environmentOf(CommandApiHandler.class)));
            LambdaEnvironment accountsEnv = new LambdaEnvironment(
                    endpoint.lambdaEnvironment(resources.environmentOf(AccountsApiHandler.class)));
            new PersonalDataBenchmark(env, accountsEnv).run();
        }
    }

    private void run() {
        CommandApiHandler handler =
                new CommandApiHandler(env, new AwsClients(env, meter, kms), Clock.systemUTC(), line -> {});
        Function<HttpApiEvent, HttpApiResponse> ordering = event -> handler.handleRequest(event, null);
        ordering.apply(place(null)); // warm-up
        row("place order, no contact", ordering, () -> place(null));
        row("place order with contact, new customer", ordering, () -> place("bench-" + UUID.randomUUID()));
        String known = "bench-known";
        ordering.apply(place(known));
        row("place order with contact, known customer", ordering, () -> place(known));

        HttpApi accounts = accountsApi();
        accounts.handle(open("bench-owner-warm", null)); // warm-up
        row("open account, no holder name", accounts::handle, () -> open("bench-" + UUID.randomUUID(), null));
        row(
                "open account with holder name, new owner",
                accounts::handle,
                () -> open("bench-" + UUID.randomUUID(), "Ada Lovelace"));
        String knownOwner = "bench-known-owner";
        accounts.handle(open(knownOwner, "Ada Lovelace"));
        row("open account with holder name, known owner", accounts::handle, () -> open(knownOwner, "Ada Lovelace"));
    }

    /** The accounts API as its handler wires it, on metered clients (the handler's own constructor is not public). */
    private HttpApi accountsApi() {
        Clock clock = Clock.systemUTC();
        AwsClients clients = new AwsClients(accountsEnv, meter, kms);
        // a key of the benchmark's own: tokens are signed and never verified here
        byte[] secret = new byte[ConsistencyTokens.MIN_KEY_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return AccountsApi.create(
                AccountsModule.fromEnvironment(accountsEnv, clients.dynamoDb(), clock),
                clock,
                () -> UUID.randomUUID().toString(),
                new ConsistencyTokens(new ConsistencyTokens.Key("bench", secret), Optional.empty()),
                Observability.discarding("accounts-api", clock),
                PersonalDataVault.fromSettings(
                        accountsEnv::optional, () -> clients.build(KmsClient.builder()), clients.dynamoDb(), clock));
    }

    private void row(String scenario, Function<HttpApiEvent, HttpApiResponse> handler, Supplier<HttpApiEvent> next) {
        long[] nanos = new long[COMMANDS];
        Usage before = meter.usage();
        java.util.Map<String, Long> kmsBefore = kms.snapshot();
        for (int i = 0; i < COMMANDS; i++) {
            HttpApiEvent event = next.get();
            long start = System.nanoTime();
            HttpApiResponse response = handler.apply(event);
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() != 201) {
                throw new IllegalStateException("benchmark command failed: " + response.body());
            }
        }
        Usage used = meter.usage().minus(before);
        java.util.Map<String, Long> kmsUsed = KmsCounter.minus(kms.snapshot(), kmsBefore);
        long kmsRequests = kmsUsed.values().stream().mapToLong(Long::longValue).sum();
        Arrays.sort(nanos);
        double p50 = nanos[COMMANDS / 2] / 1e6;
        double p99 = nanos[(int) (COMMANDS * 0.99)] / 1e6;
        double requests = (used.requests() + kmsRequests) / (double) COMMANDS;
        System.out.printf(
                "%-45s requests/command %.2f DynamoDB %s KMS %s  p50 %.2f ms  p99 %.2f ms%n",
                scenario, requests, used.requestsByOperation(), kmsUsed, p50, p99);
        BenchResults.shared()
                .record(BenchRow.of("personal-data: " + scenario + " (" + COMMANDS + " commands, per command)")
                        .capacity(
                                requests,
                                used.readUnits() / COMMANDS,
                                used.writeUnits() / COMMANDS,
                                used.itemsRead() / (double) COMMANDS)
                        .latency(p50, p99));
    }

    /** Staff opening an account for {@code owner}, with or without the holder's name. */
    private static HttpApiEvent open(String owner, String holderName) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(Samples.text("api/accounts/open-account.json"));
        return event.withBody("{\"ownerId\":\"" + owner + "\",\"currency\":\"EUR\""
                + (holderName == null ? "" : ",\"holderName\":\"" + holderName + "\"") + "}");
    }

    private static HttpApiEvent place(String customerWithContact) {
        if (customerWithContact == null) {
            return ApiGatewayEvents.fromJson(Samples.text("api/orders/place-order.json"));
        }
        HttpApiEvent event = ApiGatewayEvents.fromJson(Samples.text("api/orders/place-order-with-customer.json"));
        event = event.withBody(event.body().replace("\"c-1\"", "\"" + customerWithContact + "\""));
        // the customer places their own order: their contact is sealed under their own data key
        return ApiGatewayEvents.withCaller(event, customerWithContact);
    }
}
