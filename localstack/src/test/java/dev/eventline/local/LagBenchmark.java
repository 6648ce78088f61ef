package dev.eventline.local;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalConsistencyKeys;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.Provisioner;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.MappingSpec;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Append to read-model lag through the local runtime: {@code count} commands over HTTP (each places
 * an order; {@code clients} concurrent clients); the lag of each is the time from the
 * command's response (the append is durable) until the order-summary item shows its version (the
 * item's {@code projectedAt}, stamped by the projector as it writes).
 * Not a test: a measurement of the local stack (moto on this machine), printed as percentiles.
 *
 * <p>{@code mvn -q -pl localstack exec:java@lag-benchmark -Dexec.args="300 4"} (part of {@code make bench};
 * optional third argument: a MaximumBatchingWindowInSeconds to use instead of the template's, e.g. 0
 * to see the runtime's own overhead).
 */
public final class LagBenchmark {
    private static final String SUMMARY_TABLE = "eventline-dev-order-summary";
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private LagBenchmark() {}

    record Pending(String orderId, long version, Instant appendedAt) {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Optional<Integer> window = args.length > 2 ? Optional.of(Integer.parseInt(args[2])) : Optional.empty();
        // the projector stamps projectedAt with the system clock: the lag is measured against the same
        Clock clock = Clock.systemUTC();
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            Topology topology = TemplateReader.read(ProjectLayout.templates());
            LocalResources provisioned;
            // as make up provisions them: the APIs read their consistency-token key when they start
            try (var dynamoDb = endpoint.dynamoDb();
                    var sqs = endpoint.sqs();
                    var eventBridge = endpoint.eventBridge();
                    var kms = endpoint.kms();
                    var ssm = endpoint.ssm()) {
                provisioned = new Provisioner(dynamoDb, sqs, eventBridge, kms).provision(topology);
                LocalConsistencyKeys.provision(ssm, topology);
            }
            LocalResources resources =
                    window.map(seconds -> withWindow(provisioned, seconds)).orElse(provisioned);
            try (LocalRuntime runtime = LocalRuntime.start(
                            resources, endpoint, RuntimeSettings.DEFAULTS, Optional.of(0), Map.of(), clock);
                    DynamoDbClient dynamoDb = endpoint.dynamoDb()) {
                List<Long> lags = measure(new OrdersApi(runtime.httpUri()), dynamoDb, count, clients, clock);
                report(count, clients, window, lags);
            }
        }
        System.exit(0);
    }

    private static List<Long> measure(OrdersApi api, DynamoDbClient dynamoDb, int count, int clients, Clock clock)
            throws Exception {
        Map<String, Pending> pending = new ConcurrentHashMap<>();
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < count; i++) {
                writers.add(pool.submit(() -> place(api, pending, clock)));
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while ((!allDone(writers) || !pending.isEmpty()) && System.nanoTime() < deadline) {
                observe(dynamoDb, pending, lags);
                // slow on purpose: moto is one process, and polling it hard would slow what is measured
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        if (!pending.isEmpty()) {
            System.out.println(
                    pending.size() + " commands never showed up in " + SUMMARY_TABLE + " within " + DEADLINE);
        }
        return lags;
    }

    /** One command: places a new order, so every lag is measured on its own stream. */
    private static void place(OrdersApi api, Map<String, Pending> pending, Clock clock) {
        OrdersApi.Answer answer = api.place("bench");
        if (answer.status() != 201) {
            throw new IllegalStateException("command failed: " + answer.status() + " " + answer.body());
        }
        String orderId = answer.body().path("orderId").asText();
        pending.put(orderId, new Pending(orderId, answer.version(), clock.instant()));
    }

    private static void observe(DynamoDbClient dynamoDb, Map<String, Pending> pending, List<Long> lags) {
        List<Pending> batch = pending.values().stream().limit(100).toList();
        if (batch.isEmpty()) {
            return;
        }
        List<Map<String, AttributeValue>> keys = batch.stream()
                .map(p -> Map.of("orderId", AttributeValue.fromS(p.orderId())))
                .toList();
        var items = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(
                        SUMMARY_TABLE,
                        KeysAndAttributes.builder()
                                .keys(keys)
                                .consistentRead(true)
                                .build())))
                .responses()
                .get(SUMMARY_TABLE);
        for (Map<String, AttributeValue> item : items) {
            Pending waiting = pending.get(item.get("orderId").s());
            if (waiting != null
                    && Long.parseLong(item.get("version").n()) >= waiting.version()
                    && pending.remove(waiting.orderId(), waiting)) {
                // the projector stamps when it wrote the item: the moment the version became readable
                Instant projectedAt = Instant.parse(item.get("projectedAt").s());
                lags.add(Math.max(
                        0, Duration.between(waiting.appendedAt(), projectedAt).toMillis()));
            }
        }
    }

    private static boolean allDone(List<Future<?>> writers) {
        return writers.stream().allMatch(Future::isDone);
    }

    private static void report(int count, int clients, Optional<Integer> window, List<Long> lags) {
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        System.out.printf(
                "%nappend -> order-summary lag, %d commands, %d clients, batching window %s%n",
                count, clients, window.map(w -> w + " s (override)").orElse("from the template"));
        System.out.printf(
                "observed %d   p50 %d ms   p90 %d ms   p99 %d ms   max %d ms%n",
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.getLast());
        BenchResults.shared()
                .record(BenchRow.of("append -> read model lag, " + count + " commands, " + clients + " clients"
                                + window.map(w -> ", window " + w + " s").orElse(""))
                        .latency(percentile(sorted, 50), percentile(sorted, 99)));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static LocalResources withWindow(LocalResources resources, int seconds) {
        Topology t = resources.topology();
        List<MappingSpec> mappings = t.mappings().stream()
                .map(m -> new MappingSpec(
                        m.logicalId(),
                        m.functionName(),
                        m.sourceTable(),
                        m.sourceQueue(),
                        m.batchSize(),
                        seconds,
                        m.bisectBatchOnFunctionError(),
                        m.maximumRetryAttempts(),
                        m.maximumRecordAgeSeconds(),
                        m.reportBatchItemFailures(),
                        m.parallelizationFactor(),
                        m.onFailureQueue(),
                        m.startingPosition()))
                .toList();
        return new LocalResources(
                new Topology(t.tables(), t.queues(), t.buses(), t.rules(), t.functions(), mappings, t.routes()),
                resources.streamArnByTable(),
                resources.queueUrlByName(),
                resources.queueArnByName());
    }
}
