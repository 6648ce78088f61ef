package dev.eventline.bench;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.OrderReadModelRebuild;
import dev.eventline.ordering.rebuild.Progress;
import dev.eventline.ordering.rebuild.RebuildOptions;
import dev.eventline.ordering.rebuild.RebuildOutcome;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issue 10's rebuild figures: the ordering read models refolded from the events table
 * ({@code OrderReadModelRebuild.blueGreen}: scan, one Query per stream, fold, conditional writes into new tables)
 * over {@code -Dbench.orders=N} orders (default 300) of 3 events each. Prints events folded and
 * written per second, DynamoDB requests, capacity and events read per stream, and the time 1 M events
 * would take at that rate.
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@rebuild} (after {@code make build}).
 * moto serializes requests, so the rate is this machine's emulator, one request at a time: on
 * DynamoDB, segments run in parallel and the rate grows with {@code --segments} until the table's
 * partitions throttle; the requests per stream are what DynamoDB would serve.
 */
public final class RebuildBenchmark {
    private static final int ORDERS = Integer.getInteger("bench.orders", 300);
    private static final int SEGMENTS = Integer.getInteger("bench.segments", 4);

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            LambdaEnvironment env =
                    new LambdaEnvironment(endpoint.lambdaEnvironment(resources.environmentOf(ProjectionHandler.class)));
            run(env);
        }
    }

    private static void run(LambdaEnvironment env) throws Exception {
        Clock clock = Clock.systemUTC();
        String eventsTable = env.require("EVENTS_TABLE");
        DynamoDbEventStore store = new DynamoDbEventStore(new AwsClients(env).dynamoDb(), eventsTable, "unused", clock);
        OrderCommands commands = OrderCommands.create(store, clock);
        for (int i = 0; i < ORDERS; i++) {
            String orderId = "o-" + UUID.randomUUID();
            handle(
                    commands,
                    clock,
                    new PlaceOrder(
                            orderId,
                            "c-" + (i % 50),
                            "EUR",
                            List.of(new OrderLine("SKU-1", 1, 1000)),
                            clock.instant()));
            handle(commands, clock, new AddItem(orderId, "SKU-2", 2, 250, clock.instant()));
            handle(commands, clock, new ConfirmOrder(orderId, clock.instant()));
        }
        CapacityMeter meter = new CapacityMeter();
        var dynamoDb = new AwsClients(env, meter).dynamoDb();
        Path checkpoints = Files.createTempDirectory("rebuild-bench");
        OrderReadModelRebuild rebuild = new OrderReadModelRebuild(
                dynamoDb,
                eventsTable,
                new GenerationPointers(dynamoDb, ReadModelTables.fromEnvironment(env), clock),
                clock,
                new RebuildOptions(SEGMENTS, 500, checkpoints, Duration.ofMinutes(15)),
                d -> Thread.sleep(d.toMillis()));
        // a first run warms the JIT and the clients; the measured one is blue-green into new tables,
        // timed from its first page to its last (the 6 s wait for the pointer caches is left out)
        rebuild.truncate(Progress.Listener.NONE);
        Usage before = meter.usage();
        RebuildOutcome outcome = rebuild.blueGreen(Progress.Listener.NONE);
        double seconds = outcome.elapsed().toNanos() / 1e9;
        Usage used = meter.usage().minus(before);

        double streams = outcome.streams();
        double eventsPerSecond = outcome.events() / seconds;
        double millionMinutes = 1_000_000 / eventsPerSecond / 60;
        System.out.printf(
                "%nrebuild: %d orders, %d events, %d segments: %.1f s, %.0f events/s folded and written; 1 M events ≈ %.1f min at this rate%n",
                outcome.streams(), outcome.events(), SEGMENTS, seconds, eventsPerSecond, millionMinutes);
        System.out.printf(
                "per stream: %.2f requests %s, %.2f RCU, %.2f WCU, %.2f events read%n",
                used.requests() / streams,
                used.requestsByOperation(),
                used.readUnits() / streams,
                used.writeUnits() / streams,
                used.itemsRead() / streams);
        BenchResults.shared()
                .record(BenchRow.of(String.format(
                                "rebuild (blue-green) %d orders, %d segments (per stream; %.0f events/s, 1 M events ≈ %.0f min on moto)",
                                outcome.streams(), SEGMENTS, eventsPerSecond, millionMinutes))
                        .capacity(
                                used.requests() / streams,
                                used.readUnits() / streams,
                                used.writeUnits() / streams,
                                used.itemsRead() / streams)
                        .p50(seconds * 1000 / streams));
        Files.deleteIfExists(checkpoints); // the rebuild deleted its checkpoint file when it completed
    }

    private static void handle(OrderCommands commands, Clock clock, OrderCommand command) {
        String id = UUID.randomUUID().toString();
        commands.handle(
                command,
                new CommandContext(id, "bench-" + id, id, null, "bench", clock.instant()),
                Expectation.any(),
                Optional.empty());
    }
}
