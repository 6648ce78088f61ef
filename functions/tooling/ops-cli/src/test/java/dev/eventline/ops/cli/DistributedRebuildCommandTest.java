package dev.eventline.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eventline rebuild order-summary --strategy distributed} against the emulated local stack:
 * the events table exported to S3 by moto's real {@code ExportTableToPointInTime}, each data file
 * folded by the worker's code, the generation switched, and verify finds nothing to say.
 */
@WithEmulator
class DistributedRebuildCommandTest {
    private final Clock clock = Clock.systemUTC();
    private final Emulator emulator;
    private final Map<String, String> local;
    private final String summaryTable;
    private final LocalOrders shop;

    @TempDir
    Path checkpoints;

    DistributedRebuildCommandTest(Emulator emulator) {
        this.emulator = emulator;
        this.shop = new LocalOrders(emulator, clock);
        this.local = shop.localTarget();
        this.summaryTable = shop.summaryTable;
    }

    @Test
    void a_wiped_order_summary_is_restored_from_an_export_of_the_events_table_and_verifies() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String orderId = "o-" + UUID.randomUUID();
            shop.handle(
                    new PlaceOrder(orderId, "c-2", "EUR", List.of(new OrderLine("SKU-1", 1, 1000)), clock.instant()));
            shop.handle(new AddItem(orderId, "SKU-3", 1, 700, clock.instant()));
            orders.add(orderId);
        }
        for (String orderId : orders) {
            emulator.dynamoDb().deleteItem(r -> r.tableName(summaryTable).key(OrderSummaryItem.key(orderId)));
        }

        CliRun rebuild = CliRun.run(
                clock,
                local,
                "--json",
                "rebuild",
                "order-summary",
                "--strategy",
                "distributed",
                "--checkpoint-dir",
                checkpoints.toString());

        assertThat(rebuild.exitCode()).as(rebuild.err()).isEqualTo(ExitCodes.OK);
        var answer = new ObjectMapper().readTree(rebuild.out());
        assertThat(answer.path("strategy").asText()).isEqualTo("distributed");
        long generation = answer.path("generation").asLong();
        assertThat(generation).isEqualTo(2);
        assertThat(answer.path("streams").asLong()).isEqualTo(orders.size());
        assertThat(answer.path("events").asLong()).isEqualTo(orders.size() * 2L);
        for (String orderId : orders) {
            assertThat(shop.summary(summaryTable + "-g" + generation, orderId))
                    .map(ProjectedOrder::state)
                    .contains(shop.fold(orderId));
        }
        // complete: the checkpoint (export, files done) is gone, a next rebuild exports afresh
        try (var left = Files.list(checkpoints)) {
            assertThat(left).isEmpty();
        }

        CliRun verified = CliRun.run(clock, local, "verify", "order-summary");
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isEqualTo(ExitCodes.OK);
        assertThat(verified.out()).contains("0 mismatches");
    }

    @Test
    void an_unknown_strategy_is_a_usage_error_naming_the_three() {
        CliRun run = CliRun.run(clock, local, "rebuild", "order-summary", "--strategy", "sideways");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("truncate, blue-green or distributed");
    }
}
