package dev.eventline.ops.cli;

import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.Mismatch;
import dev.eventline.ordering.rebuild.OrderReadModelVerifier;
import dev.eventline.ordering.rebuild.VerifyOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventline verify <read-model> [--sample N] [--repair]}: see docs/operations.md. */
@Command(
        name = "verify",
        description = "Fold streams from the events table and compare them with a read model; exit 1 on a mismatch.")
final class VerifyCommand implements Callable<Integer> {
    private final Ops ops;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<read-model>", description = "order-summary")
    String readModel;

    @Option(
            names = "--sample",
            paramLabel = "N",
            description = "check N streams drawn at random, a new draw each run (up to 1,000,000)")
    Long sample;

    @Option(names = "--repair", description = "rewrite every mismatching item to the fold of its stream")
    boolean repair;

    @Option(names = "--segments", defaultValue = "4", description = "parallel Scan segments (1..64)")
    int segments;

    VerifyCommand(Ops ops) {
        this.ops = ops;
    }

    /** The --json answer; {@code mismatches} lists at most 1,000, {@code mismatchCount} counts all. */
    record Answer(
            String readModel,
            long generation,
            long streams,
            long events,
            long mismatchCount,
            List<String> mismatches,
            long repaired,
            long unfoldable) {}

    @Override
    public Integer call() {
        ReadModelTables tables = ReadModelNames.tables(ops, readModel);
        if (sample != null && sample < 1) {
            throw new OperationException(ExitCodes.USAGE, "--sample is at least 1, was " + sample);
        }
        VerifyOutcome outcome;
        try (Progress bar = ops.progress("verify " + readModel, sample == null ? 0 : sample)) {
            OrderReadModelVerifier verifier = new OrderReadModelVerifier(
                    ops.clients().dynamoDb(),
                    ReadModelNames.eventsTable(ops),
                    ReadModelNames.pointers(ops, tables),
                    ops.clock(),
                    segments);
            outcome = verifier.verify(Optional.ofNullable(sample), repair, new ProgressBridge(bar));
        } catch (IllegalArgumentException badOption) {
            throw new OperationException(ExitCodes.USAGE, badOption.getMessage(), badOption);
        }
        Answer answer = new Answer(
                readModel,
                outcome.generation(),
                outcome.streams(),
                outcome.events(),
                outcome.mismatchCount(),
                outcome.mismatches().stream().map(Mismatch::toString).toList(),
                outcome.repaired(),
                outcome.unfoldable());
        ops.print(spec.commandLine().getOut(), answer, VerifyCommand::human);
        return outcome.consistent() ? ExitCodes.OK : ExitCodes.ATTENTION;
    }

    private static String human(Answer a) {
        StringBuilder text = new StringBuilder(String.format(
                "%s generation %d: %d streams, %d events folded, %d mismatches%s%n",
                a.readModel(),
                a.generation(),
                a.streams(),
                a.events(),
                a.mismatchCount(),
                a.repaired() > 0 ? ", " + a.repaired() + " repaired" : ""));
        a.mismatches().forEach(m -> text.append("  ").append(m).append('\n'));
        if (a.unfoldable() > 0) {
            text.append(a.unfoldable())
                    .append(" streams stop at an event that does not fold (see the dead-letter queues)\n");
        }
        return text.toString();
    }
}
