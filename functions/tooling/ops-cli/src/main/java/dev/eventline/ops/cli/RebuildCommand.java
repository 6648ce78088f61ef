package dev.eventline.ops.cli;

import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.GenerationFill;
import dev.eventline.ordering.rebuild.OrderReadModelRebuild;
import dev.eventline.ordering.rebuild.RebuildOptions;
import dev.eventline.ordering.rebuild.RebuildOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventline rebuild <read-model> [--strategy truncate|blue-green|distributed]}: see docs/operations.md. */
@Command(
        name = "rebuild",
        description = "Rebuild a read model from the events table (resumable: run again after Ctrl-C or a failure).")
final class RebuildCommand implements Callable<Integer> {
    enum Strategy {
        truncate,
        blue_green,
        distributed;

        static Strategy parse(String text) {
            return switch (text) {
                case "truncate" -> truncate;
                case "blue-green" -> blue_green;
                case "distributed" -> distributed;
                default ->
                    throw new OperationException(
                            ExitCodes.USAGE, "--strategy is truncate, blue-green or distributed, was " + text);
            };
        }
    }

    private final Ops ops;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<read-model>", description = "order-summary")
    String readModel;

    @Option(
            names = "--strategy",
            defaultValue = "blue-green",
            description = "blue-green (default: a new generation, switched when complete, reads never stop) or"
                    + " truncate (empty and refill in place: dev, small tables) or distributed (blue-green, filled from"
                    + " an export of the events table to S3, one worker per file: the state machine on AWS)")
    String strategy;

    @Option(names = "--segments", defaultValue = "4", description = "parallel Scan segments (1..64)")
    int segments;

    @Option(names = "--page-size", defaultValue = "500", description = "items per Scan page, between checkpoints")
    int pageSize;

    @Option(
            names = "--grace",
            defaultValue = "PT15M",
            description = "how long the replaced generation is still written before it may be retired (ISO-8601)")
    Duration grace;

    @Option(
            names = "--checkpoint-dir",
            description =
                    "where the resumable checkpoint lives (default: .eventline/checkpoints/<env> in the repository)")
    Path checkpointDir;

    @Option(
            names = "--timeout",
            defaultValue = "PT24H",
            description = "distributed: how long to wait for the export and the execution; after it, exit 1 and"
                    + " run again to keep waiting (ISO-8601)")
    Duration timeout;

    @Option(names = "--retire", description = "only retire a replaced generation whose grace period is over")
    boolean retireOnly;

    RebuildCommand(Ops ops) {
        this.ops = ops;
    }

    /** The --json answer. */
    record Answer(
            String readModel,
            String strategy,
            long generation,
            long streams,
            long events,
            long unfoldableCount,
            List<String> unfoldable,
            double seconds,
            Long retiredGeneration,
            String exportArn,
            String executionArn,
            Long files) {}

    @Override
    public Integer call() throws InterruptedException {
        ReadModelTables tables = ReadModelNames.tables(ops, readModel);
        Strategy chosen = Strategy.parse(strategy);
        OrderReadModelRebuild rebuild;
        try {
            rebuild = new OrderReadModelRebuild(
                    ops.clients().dynamoDb(),
                    ReadModelNames.eventsTable(ops),
                    ReadModelNames.pointers(ops, tables),
                    ops.clock(),
                    new RebuildOptions(
                            segments,
                            pageSize,
                            checkpointDir == null ? ReadModelNames.checkpointDir(ops) : checkpointDir,
                            grace),
                    d -> Thread.sleep(d.toMillis()));
        } catch (IllegalArgumentException badOption) {
            throw new OperationException(ExitCodes.USAGE, badOption.getMessage(), badOption);
        }
        if (retireOnly) {
            Long retired = rebuild.retireExpired().orElse(null);
            ops.print(
                    spec.commandLine().getOut(),
                    new Answer(readModel, "retire", 0, 0, 0, 0, List.of(), 0, retired, null, null, null),
                    a -> a.retiredGeneration() == null
                            ? "nothing to retire (none replaced, or still in its grace period)\n"
                            : "retired generation " + a.retiredGeneration() + "\n");
            return ExitCodes.OK;
        }
        RebuildOutcome outcome;
        DistributedFill distributed = null;
        try (Progress bar = ops.progress("rebuild " + readModel, 0)) {
            ProgressBridge progress = new ProgressBridge(bar);
            outcome = switch (chosen) {
                case truncate -> rebuild.truncate(progress);
                case blue_green -> rebuild.blueGreen(progress);
                case distributed -> {
                    distributed = DistributedFill.of(ops, timeout, bar::note);
                    yield rebuild.blueGreen(distributed.fill(), progress);
                }
            };
        } catch (GenerationFill.Incomplete incomplete) {
            // still running: a rerun waits for it (1, look again later); failed: nothing switched (5)
            throw new OperationException(
                    incomplete.stillRunning() ? ExitCodes.ATTENTION : ExitCodes.FAILED,
                    incomplete.getMessage(),
                    incomplete);
        } catch (IllegalStateException refused) {
            throw new OperationException(ExitCodes.ATTENTION, refused.getMessage(), refused);
        }
        var details = distributed == null ? null : distributed.result();
        Answer answer = new Answer(
                readModel,
                strategy,
                outcome.generation(),
                outcome.streams(),
                outcome.events(),
                outcome.unfoldableCount(),
                outcome.unfoldable(),
                outcome.elapsed().toMillis() / 1000.0,
                null,
                details == null ? null : details.exportArn(),
                details == null ? null : details.executionArn(),
                details == null ? null : details.files());
        ops.print(spec.commandLine().getOut(), answer, RebuildCommand::human);
        return outcome.complete() ? ExitCodes.OK : ExitCodes.ATTENTION;
    }

    private static String human(Answer a) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                "%s rebuilt (%s): generation %d live, %d streams, %d events in %.1f s (%.0f events/s)%n",
                a.readModel(),
                a.strategy(),
                a.generation(),
                a.streams(),
                a.events(),
                a.seconds(),
                a.seconds() > 0 ? a.events() / a.seconds() : 0.0));
        if (a.exportArn() != null) {
            text.append(String.format("export %s, %d files", a.exportArn(), a.files()));
            text.append(a.executionArn() == null ? "" : ", execution " + a.executionArn());
            text.append('\n');
        }
        if (a.unfoldableCount() > 0) {
            text.append(a.unfoldableCount())
                    .append(" streams stop at an event that does not fold (their items hold what came before it):\n");
            a.unfoldable().forEach(s -> text.append("  ").append(s).append('\n'));
        }
        return text.toString();
    }
}
