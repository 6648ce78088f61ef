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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The "done when", against the emulated local stack: a wiped order-summary is restored by
 * {@code eventline rebuild order-summary --strategy blue-green}; {@code eventline verify
 * order-summary} exits 0, and 1 naming the stream once an item is altered.
 */
@WithEmulator
class RebuildAndVerifyCommandsTest {
    private final Clock clock = Clock.systemUTC();
    private final Emulator emulator;
    private final Map<String, String> local;
    private final String summaryTable;
    private final LocalOrders shop;

    @TempDir
    Path checkpoints;

    RebuildAndVerifyCommandsTest(Emulator emulator) {
        this.emulator = emulator;
        this.shop = new LocalOrders(emulator, clock);
        this.local = shop.localTarget();
        this.summaryTable = shop.summaryTable;
    }

    @Test
    void a_wiped_order_summary_is_restored_blue_green_and_verify_names_an_altered_stream() throws Exception {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String orderId = "o-" + UUID.randomUUID();
            shop.handle(
                    new PlaceOrder(orderId, "c-1", "EUR", List.of(new OrderLine("SKU-1", 1, 1000)), clock.instant()));
            shop.handle(new AddItem(orderId, "SKU-2", 2, 500, clock.instant()));
            orders.add(orderId);
        }
        // the read model is lost: wiped through the SDK
        for (String orderId : orders) {
            emulator.dynamoDb().deleteItem(r -> r.tableName(summaryTable).key(OrderSummaryItem.key(orderId)));
        }

        CliRun rebuild = CliRun.run(
                clock,
                local,
                "rebuild",
                "order-summary",
                "--strategy",
                "blue-green",
                "--checkpoint-dir",
                checkpoints.toString(),
                "--json");

        assertThat(rebuild.exitCode()).as(rebuild.err()).isEqualTo(ExitCodes.OK);
        var answer = new ObjectMapper().readTree(rebuild.out());
        long generation = answer.path("generation").asLong();
        assertThat(generation).isEqualTo(2);
        assertThat(answer.path("streams").asLong()).isEqualTo(orders.size());
        for (String orderId : orders) {
            assertThat(shop.summary(summaryTable + "-g" + generation, orderId))
                    .map(ProjectedOrder::state)
                    .contains(shop.fold(orderId));
        }

        CliRun verified = CliRun.run(clock, local, "verify", "order-summary");
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isEqualTo(ExitCodes.OK);
        assertThat(verified.out()).contains("0 mismatches");

        String altered = orders.get(3);
        emulator.dynamoDb()
                .updateItem(r -> r.tableName(summaryTable + "-g" + generation)
                        .key(OrderSummaryItem.key(altered))
                        .updateExpression("SET amountPaid = :paid")
                        .expressionAttributeValues(Map.of(":paid", AttributeValue.fromN("999"))));

        CliRun found = CliRun.run(clock, local, "verify", "order-summary");
        assertThat(found.exitCode()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(found.out()).contains("1 mismatches").contains("Order-" + altered + " order-summary differs");

        CliRun repaired = CliRun.run(clock, local, "verify", "order-summary", "--repair");
        assertThat(repaired.out()).contains("1 repaired");
        assertThat(CliRun.run(clock, local, "verify", "order-summary").exitCode())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void an_unknown_read_model_is_not_found() {
        CliRun run = CliRun.run(clock, local, "verify", "no-such-model");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("no read model named no-such-model");
    }

    @Test
    void backfill_fills_a_declared_projection_and_names_the_declared_ones_for_an_unknown_name() {
        CliRun unknown = CliRun.run(clock, local, "backfill", "no-such-projection");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("declared: [orders-by-customer]");

        CliRun run =
                CliRun.run(clock, local, "backfill", "orders-by-customer", "--checkpoint-dir", checkpoints.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("orders-by-customer backfilled into generation");
    }
}
