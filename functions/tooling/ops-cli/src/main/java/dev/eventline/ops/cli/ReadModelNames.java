package dev.eventline.ops.cli;

import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.nio.file.Path;

/**
 * The read models {@code rebuild} and {@code verify} know, by the name operators use for them. The
 * per-order read models of ordering move together: {@code order-summary} is the projector's
 * checkpoint and {@code orders-by-customer} is written from the same fold, so both are one rebuild.
 */
final class ReadModelNames {
    static final String ORDER_SUMMARY = "order-summary";

    private ReadModelNames() {}

    static ReadModelTables tables(Ops ops, String readModel) {
        if (!ORDER_SUMMARY.equals(readModel)) {
            throw new OperationException(
                    ExitCodes.NOT_FOUND,
                    "no read model named " + readModel + "; known: " + ORDER_SUMMARY + " (with orders-by-customer)");
        }
        var names = ops.target().names();
        return new ReadModelTables(names.orderSummaryTable(), names.ordersByCustomerTable(), names.dailySalesTable());
    }

    static String eventsTable(Ops ops) {
        return ops.target().names().orderingEventsTable();
    }

    static GenerationPointers pointers(Ops ops, ReadModelTables tables) {
        return new GenerationPointers(ops.clients().dynamoDb(), tables, ops.clock());
    }

    /** Checkpoints of resumable rebuilds: under the repository root the launcher names, else here. */
    static Path checkpointDir(Ops ops) {
        String root = System.getProperty("eventline.root", ".");
        return Path.of(root, ".eventline", "checkpoints", ops.target().names().env());
    }
}
