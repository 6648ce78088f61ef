package dev.eventline.ordering.projector;

import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.ordering.OrderLine;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How fast one projector invocation gets through a batch, and what it costs in read-model requests.
 * Not a test: a main class, run against moto (numbers are emulator-bound; on DynamoDB each request
 * is a few ms and PROJECTION_CONCURRENCY streams run at once).
 *
 * <pre>
 * mvn -B -q -o -pl functions/ordering/ordering-projector test-compile exec:java \
 *     -Dexec.mainClass=dev.eventline.ordering.projector.ProjectorBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * Each scenario: N orders of 10 events each (place, 6 items added, confirm, pay, ship), all in one
 * batch, projected once fresh and once again as a full redelivery (all duplicates).
 */
public final class ProjectorBenchmark {
    private static final int EVENTS_PER_ORDER = 10;
    private static final Instant DAY = Instant.parse("2026-06-01T08:00:00Z");

    private ProjectorBenchmark() {}

    public static void main(String[] args) {
        ProjectorHarness harness = new ProjectorHarness(EmulatorOutsideJupiter.provisioned(ProjectorBenchmark.class));
        run(harness, 10, false); // warm-up: JIT, connection pool, moto's tables
        run(harness, 100, false);

        System.out.println();
        System.out.println(
                "| batch | orders x events | run        | duration ms | events/s | GetItem | Query | PutItem | TransactWriteItems | write req/batch | WCU (computed) |");
        System.out.println(
                "|------:|----------------:|------------|------------:|---------:|--------:|------:|--------:|-------------------:|----------------:|---------------:|");
        for (int orders : new int[] {10, 100}) {
            for (String row : run(harness, orders, true)) {
                System.out.println(row);
            }
        }
        System.out.println();
        System.out.println("moto on loopback; PROJECTION_CONCURRENCY="
                + harness.environment.getOrDefault("PROJECTION_CONCURRENCY", "8 (default)"));
        System.exit(0);
    }

    private static List<String> run(ProjectorHarness harness, int orders, boolean report) {
        harness.tail.skipToEnd();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < orders; i++) {
            OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), DAY)
                    .place("bench-customer-" + (i % 10), "EUR", new OrderLine("BASE", 1, 1_000));
            for (int sku = 0; sku < EVENTS_PER_ORDER - 4; sku++) {
                story.add("SKU-" + sku, 1, 250);
            }
            story.confirm().pay().ship();
            harness.append(story);
            ids.add(story.orderId());
        }
        List<ChangeRecord> batch = harness.newRecords(ids);
        List<String> rows = new ArrayList<>();
        rows.add(measure(harness, batch, orders, "fresh", report));
        rows.add(measure(harness, batch, orders, "redelivery", report));
        return report ? rows : List.of();
    }

    private static String measure(
            ProjectorHarness harness, List<ChangeRecord> batch, int orders, String label, boolean report) {
        CapacityMeter.Usage before = harness.meter.usage();
        long started = System.nanoTime();
        var response = harness.project(batch);
        long nanos = System.nanoTime() - started;
        if (!response.batchItemFailures().isEmpty()) {
            throw new IllegalStateException("benchmark batch failed: " + response.batchItemFailures());
        }
        CapacityMeter.Usage used = harness.meter.usage().minus(before);
        long puts = used.requestsByOperation().getOrDefault("PutItem", 0L);
        long transactions = used.requestsByOperation().getOrDefault("TransactWriteItems", 0L);
        double millis = nanos / 1e6;
        if (report) { // warm-up batches stay out of the summary, as they stay out of the printed table
            BenchResults.shared()
                    .record(BenchRow.of(String.format(
                                    Locale.ROOT,
                                    "projector: %d orders x %d events, %s (per batch, %.0f events/s)",
                                    orders,
                                    EVENTS_PER_ORDER,
                                    label,
                                    batch.size() / (millis / 1000)))
                            .capacity(used.requests(), used.readUnits(), used.writeUnits(), used.itemsRead()));
        }
        return String.format(
                Locale.ROOT,
                "| %5d | %6d x %-7d | %-10s | %11.1f | %8.0f | %7d | %5d | %7d | %18d | %15d | %14.0f |",
                batch.size(),
                orders,
                EVENTS_PER_ORDER,
                label,
                millis,
                batch.size() / (millis / 1000),
                used.requestsByOperation().getOrDefault("GetItem", 0L),
                used.requestsByOperation().getOrDefault("Query", 0L),
                puts,
                transactions,
                puts + transactions,
                used.writeUnits());
    }
}
