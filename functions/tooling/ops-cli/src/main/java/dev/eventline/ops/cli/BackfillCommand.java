package dev.eventline.ops.cli;

import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.BackfilledProjection;
import dev.eventline.ordering.rebuild.OrderReadModelRebuild;
import dev.eventline.ordering.rebuild.RebuildOptions;
import dev.eventline.ordering.rebuild.RebuildOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventline backfill <projection>}: see docs/operations.md, "Backfill a new projection". */
@Command(
        name = "backfill",
        description = "Fill a projection declared in code from the events table while the projector follows the"
                + " stream (resumable).")
final class BackfillCommand implements Callable<Integer> {
    private final Ops ops;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<projection>", description = "orders-by-customer")
    String projection;

    @Option(names = "--segments", defaultValue = "4", description = "parallel Scan segments (1..64)")
    int segments;

    @Option(names = "--page-size", defaultValue = "500", description = "items per Scan page, between checkpoints")
    int pageSize;

    @Option(
            names = "--checkpoint-dir",
            description =
                    "where the resumable checkpoint lives (default: .eventline/checkpoints/<env> in the repository)")
    Path checkpointDir;

    BackfillCommand(Ops ops) {
        this.ops = ops;
    }

    /** The --json answer. */
    record Answer(
            String projection,
            long generation,
            long streams,
            long events,
            long unfoldableCount,
            List<String> unfoldable,
            double seconds) {}

    @Override
    public Integer call() {
        BackfilledProjection chosen = BackfilledProjection.named(projection)
                .orElseThrow(() -> new OperationException(
                        ExitCodes.NOT_FOUND,
                        "no projection named " + projection + "; declared: "
                                + Arrays.stream(BackfilledProjection.values())
                                        .map(BackfilledProjection::projectionName)
                                        .toList()));
        ReadModelTables tables = ReadModelNames.tables(ops, ReadModelNames.ORDER_SUMMARY);
        OrderReadModelRebuild engine;
        try {
            engine = new OrderReadModelRebuild(
                    ops.clients().dynamoDb(),
                    ReadModelNames.eventsTable(ops),
                    ReadModelNames.pointers(ops, tables),
                    ops.clock(),
                    new RebuildOptions(
                            segments,
                            pageSize,
                            checkpointDir == null ? ReadModelNames.checkpointDir(ops) : checkpointDir,
                            Duration.ZERO),
                    d -> Thread.sleep(d.toMillis()));
        } catch (IllegalArgumentException badOption) {
            throw new OperationException(ExitCodes.USAGE, badOption.getMessage(), badOption);
        }
        RebuildOutcome outcome;
        try (Progress bar = ops.progress("backfill " + projection, 0)) {
            outcome = engine.backfill(chosen, new ProgressBridge(bar));
        }
        Answer answer = new Answer(
                projection,
                outcome.generation(),
                outcome.streams(),
                outcome.events(),
                outcome.unfoldableCount(),
                outcome.unfoldable(),
                outcome.elapsed().toMillis() / 1000.0);
        ops.print(
                spec.commandLine().getOut(),
                answer,
                a -> String.format(
                        "%s backfilled into generation %d: %d streams, %d events in %.1f s%s%n",
                        a.projection(),
                        a.generation(),
                        a.streams(),
                        a.events(),
                        a.seconds(),
                        a.unfoldableCount() > 0
                                ? "; " + a.unfoldableCount() + " streams stop at an event that does not fold: "
                                        + a.unfoldable()
                                : ""));
        return outcome.complete() ? ExitCodes.OK : ExitCodes.ATTENTION;
    }
}
