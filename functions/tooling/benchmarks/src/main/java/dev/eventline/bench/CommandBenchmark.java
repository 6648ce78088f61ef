package dev.eventline.bench;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.ordering.commandapi.CommandApiHandler;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import dev.eventline.testsupport.capacity.ItemSize;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 2's figures: DynamoDB requests and write/read capacity per command (computed from item sizes
 * by DynamoDB's rules, since moto reports fixed numbers), command latency against moto, the command
 * handler's start-up in a fresh JVM and its deployment jar size. Prints a table.
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@commands} (after {@code make build}).
 */
public final class CommandBenchmark {
    private static final int LATENCY_COMMANDS = 1_200;

    private final LambdaEnvironment env;
    private final CapacityMeter meter = new CapacityMeter();

    private CommandBenchmark(LambdaEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            LambdaEnvironment env =
                    new LambdaEnvironment(endpoint.lambdaEnvironment(resources.environmentOf(CommandApiHandler.class)));
            new CommandBenchmark(env).run();
        }
    }

    private void run() throws Exception {
        List<String[]> rows = new ArrayList<>();

        CommandApiHandler cold = handler();
        Measured placed = measure(cold, place());
        rows.add(row("place a new order (cold handler)", placed));
        String orderId = placed.orderId();
        rows.add(row("add item, same handler (warm, cache current)", measure(cold, addItem(orderId))));

        String tenEvents = orderWithEvents(10);
        rows.add(row("add item on a 10-event order (cold handler)", measure(handler(), addItem(tenEvents))));
        CommandApiHandler warm = handler();
        warm.handleRequest(removeItem(tenEvents), null); // warms the cache on this order
        rows.add(row("add item on a 10-event order (warm handler)", measure(warm, addItem(tenEvents))));
        CommandApiHandler stale = handler();
        stale.handleRequest(addItem(tenEvents), null);
        handler().handleRequest(addItem(tenEvents), null); // another container moves the order on
        rows.add(row("add item, cache one event behind (warm)", measure(stale, addItem(tenEvents))));

        String thousand = orderWithEvents(1_000);
        rows.add(row("add item on a 1,000-event order (cold handler)", measure(handler(), addItem(thousand))));
        itemSizeSteps(thousand);

        HttpApiEvent keyed = place();
        keyed.headers().put("idempotency-key", "bench-" + System.nanoTime());
        rows.add(row("place with Idempotency-Key (cold handler)", measure(handler(), keyed)));

        printTable(rows);
        printLatency();
        printStartup();
    }

    private record Measured(HttpApiResponse response, Usage usage) {
        String orderId() {
            String location = response.headers().get("Location");
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    private Measured measure(CommandApiHandler handler, HttpApiEvent event) {
        Usage before = meter.usage();
        HttpApiResponse response = handler.handleRequest(event, null);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "benchmark command failed: " + response.statusCode() + " " + response.body());
        }
        return new Measured(response, meter.usage().minus(before));
    }

    private static String[] row(String scenario, Measured m) {
        Usage u = m.usage();
        BenchResults.shared()
                .record(BenchRow.of("command: " + scenario)
                        .capacity(u.requests(), u.readUnits(), u.writeUnits(), u.itemsRead()));
        return new String[] {
            scenario,
            Long.toString(u.requests()),
            u.requestsByOperation().toString(),
            String.format("%.1f", u.writeUnits()),
            String.format("%.1f", u.readUnits()),
            Long.toString(u.itemsRead())
        };
    }

    private String orderWithEvents(int events) {
        CommandApiHandler setup = handler();
        String orderId = new Measured(setup.handleRequest(place(), null), null).orderId();
        for (int i = 1; i < events; i++) {
            HttpApiResponse response = setup.handleRequest(i % 2 == 1 ? addItem(orderId) : removeItem(orderId), null);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("setup failed: " + response.body());
            }
        }
        return orderId;
    }

    /**
     * Issue 13's steps towards smaller event items, each measured: the same stored event in the original
     * form, then with one-letter names, then with numeric timestamps, then without what can be derived
     * (the form written now); and the 1,000-event order read back whole, consistently (what every other
     * reader pays) and possibly stale (the command path's cold load).
     */
    private void itemSizeSteps(String orderId) {
        String streamId = "Order-" + orderId;
        String table = env.require("EVENTS_TABLE");
        DynamoDbClient dynamoDb = new AwsClients(env, meter).dynamoDb();
        DynamoDbEventReader reader = new DynamoDbEventReader(dynamoDb, table);
        List<RecordedEvent> events = reader.readAfter(streamId, 0);
        RecordedEvent e = events.get(events.size() / 2);
        EventMetadata m = e.metadata();
        Map<String, AttributeValue> original = new LinkedHashMap<>();
        original.put("streamId", AttributeValue.fromS(e.streamId()));
        original.put("version", AttributeValue.fromN(Long.toString(e.version())));
        original.put("eventId", AttributeValue.fromS(e.eventId()));
        original.put("type", AttributeValue.fromS(e.type()));
        original.put("schemaVersion", AttributeValue.fromN(Integer.toString(e.schemaVersion())));
        original.put("data", AttributeValue.fromS(e.data()));
        original.put("commandId", AttributeValue.fromS(m.commandId()));
        original.put("correlationId", AttributeValue.fromS(m.correlationId()));
        original.put("causationId", AttributeValue.fromS(m.causationId()));
        if (m.traceId() != null) {
            original.put("traceId", AttributeValue.fromS(m.traceId()));
        }
        original.put("actor", AttributeValue.fromS(m.actor()));
        original.put("occurredAt", AttributeValue.fromS(m.occurredAt().toString()));
        original.put("recordedAt", AttributeValue.fromS(e.recordedAt().toString()));
        Map<String, AttributeValue> shortNames = new LinkedHashMap<>();
        List<String> longNames = List.of(
                "streamId",
                "version",
                "eventId",
                "type",
                "schemaVersion",
                "data",
                "commandId",
                "correlationId",
                "causationId",
                "traceId",
                "actor",
                "occurredAt",
                "recordedAt");
        List<String> letters = List.of("streamId", "version", "i", "t", "s", "d", "c", "r", "k", "x", "a", "o", "w");
        for (int i = 0; i < longNames.size(); i++) {
            AttributeValue value = original.get(longNames.get(i));
            if (value != null) {
                shortNames.put(letters.get(i), value);
            }
        }
        Map<String, AttributeValue> numericTimes = new LinkedHashMap<>(shortNames);
        Map<String, AttributeValue> compact = EventItem.toItem(e);
        numericTimes.put("w", compact.get("w"));
        numericTimes.put(
                "o",
                AttributeValue.fromN(compact.containsKey("o") ? compact.get("o").n() : "0"));
        System.out.printf("%nEvent item size, one ItemAdded of the 1,000-event order (per step of issue 13):%n");
        step("original attribute names, ISO-8601 timestamps", original, events.size());
        step("one-letter attribute names", shortNames, events.size());
        step("timestamps as numbers", numericTimes, events.size());
        step("derived values omitted (stored form)", compact, events.size());

        Usage before = meter.usage();
        reader.readAfter(streamId, 0);
        Usage consistent = meter.usage().minus(before);
        before = meter.usage();
        reader.readAfterPossiblyStale(streamId, 0);
        Usage stale = meter.usage().minus(before);
        System.out.printf(
                "cold load of the 1,000-event order: consistent %.1f RCU (%d requests), eventually consistent %.1f RCU"
                        + " (%d requests, the command path)%n",
                consistent.readUnits(), consistent.requests(), stale.readUnits(), stale.requests());
        BenchResults.shared()
                .record(BenchRow.of("load: 1,000-event order, consistent (query API, projector, publisher)")
                        .capacity(consistent.requests(), consistent.readUnits(), 0, consistent.itemsRead()));
        BenchResults.shared()
                .record(BenchRow.of("load: 1,000-event order, eventually consistent (cold command)")
                        .capacity(stale.requests(), stale.readUnits(), 0, stale.itemsRead()));
    }

    private static void step(String label, Map<String, AttributeValue> item, int events) {
        long bytes = ItemSize.of(item);
        System.out.printf(
                "  %-48s %4d B/item -> %5.1f RCU consistent, %5.1f eventually consistent for %d events%n",
                label,
                bytes,
                ItemSize.readUnits(bytes * events, true),
                ItemSize.readUnits(bytes * events, false),
                events);
    }

    private void printLatency() {
        CommandApiHandler handler = handler();
        long[] nanos = new long[LATENCY_COMMANDS];
        String orderId = null;
        for (int i = 0; i < LATENCY_COMMANDS; i++) {
            HttpApiEvent event = i % 4 == 0 ? place() : i % 2 == 1 ? addItem(orderId) : removeItem(orderId);
            long start = System.nanoTime();
            HttpApiResponse response = handler.handleRequest(event, null);
            nanos[i] = System.nanoTime() - start;
            if (i % 4 == 0) {
                orderId = new Measured(response, null).orderId();
            }
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%nCommand latency against moto, warm handler, %d commands (place/add/remove): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                LATENCY_COMMANDS,
                nanos[LATENCY_COMMANDS / 2] / 1e6,
                nanos[(int) (LATENCY_COMMANDS * 0.99)] / 1e6,
                nanos[LATENCY_COMMANDS - 1] / 1e6);
        BenchResults.shared()
                .record(BenchRow.of("command latency, warm handler, " + LATENCY_COMMANDS + " commands")
                        .latency(nanos[LATENCY_COMMANDS / 2] / 1e6, nanos[(int) (LATENCY_COMMANDS * 0.99)] / 1e6));
    }

    private void printStartup() throws Exception {
        Path jar = ProjectLayout.root()
                .resolve(
                        "functions/ordering/ordering-command-api/target/ordering-command-api-0.1.0-SNAPSHOT-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            System.out.println("\nstart-up: skipped, " + jar + " not built (run make build)");
            return;
        }
        Path probeClasses = Path.of(ColdStartProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Long> starts = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+TieredCompilation",
                    "-XX:TieredStopAtLevel=1", // what Lambda's Java runtime uses by default
                    "-cp",
                    jar
                            + java.io.File.pathSeparator
                            + StartupBenchmark.lambdaRuntimeCore()
                            + java.io.File.pathSeparator
                            + probeClasses,
                    ColdStartProbe.class.getName());
            builder.environment().putAll(env.variables());
            // -Deventline.bench.startupEnv=NAME=value,...: the same start-up with tracing configured
            for (String setting :
                    System.getProperty("eventline.bench.startupEnv", "").split(",")) {
                int equals = setting.indexOf('=');
                if (equals > 0) {
                    builder.environment().put(setting.substring(0, equals), setting.substring(equals + 1));
                }
            }
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String last = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("first-response-ms=")) {
                        last = line;
                    }
                }
            }
            if (process.waitFor() != 0 || last == null) {
                throw new IllegalStateException("cold start probe failed");
            }
            starts.add(Long.parseLong(last.substring("first-response-ms=".length())));
        }
        starts.sort(Long::compare);
        System.out.printf(
                "Start-up, fresh JVM to first response (place order against moto, C1 only, 5 runs): median %d ms, min %d ms, max %d ms%n",
                starts.get(2), starts.getFirst(), starts.getLast());
        System.out.printf("Deployment jar: %s, %.1f MB%n", jar.getFileName(), Files.size(jar) / 1_048_576.0);
        BenchResults.shared()
                .record(BenchRow.of("start-up, ordering-command-api (fresh JVM to first response, median of 5)")
                        .startup(Files.size(jar) / 1_048_576.0, starts.get(2)));
    }

    private static void printTable(List<String[]> rows) {
        String format = "| %-46s | %8s | %-44s | %5s | %5s | %10s |%n";
        System.out.println();
        System.out.println(
                "DynamoDB cost per command (CommandApiHandler against moto; capacity computed from item sizes)");
        System.out.printf(format, "scenario", "requests", "by operation", "WCU", "RCU", "items read");
        System.out.printf(
                format, "-".repeat(46), "-".repeat(8), "-".repeat(44), "-".repeat(5), "-".repeat(5), "-".repeat(10));
        for (String[] r : rows) {
            System.out.printf(format, (Object[]) r);
        }
    }

    private CommandApiHandler handler() {
        return new CommandApiHandler(env, new AwsClients(env, meter), Clock.systemUTC(), line -> {});
    }

    private static HttpApiEvent place() {
        return ApiGatewayEvents.fromJson(Samples.text("api/orders/place-order.json"));
    }

    private static HttpApiEvent addItem(String orderId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/orders/add-item.json").replace("{{orderId}}", orderId));
    }

    private static HttpApiEvent removeItem(String orderId) {
        return ApiGatewayEvents.fromJson(
                Samples.text("api/orders/remove-item.json").replace("{{orderId}}", orderId));
    }
}
