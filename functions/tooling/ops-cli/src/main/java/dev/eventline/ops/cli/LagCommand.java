package dev.eventline.ops.cli;

import dev.eventline.operations.ConsumerLag;
import dev.eventline.operations.LagView;
import dev.eventline.operations.LagView.StreamLag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eventline lag [--stream ID] [--max-scanned N]}. */
@Command(
        name = "lag",
        description = {
            "How far each stream consumer is behind the events table: its checkpoint against each stream's head,",
            "and how long ago the oldest event it has not applied was recorded. Exit 1 when any consumer is behind."
        })
final class LagCommand implements Callable<Integer> {
    private final Ops ops;

    @Spec
    CommandSpec spec;

    @Option(names = "--stream", paramLabel = "ID", description = "Only this stream (one read per consumer, no scan).")
    String streamId;

    @Option(
            names = "--max-scanned",
            paramLabel = "N",
            description = "Events scanned per events table at most (default ${DEFAULT-VALUE}; cap 50,000,000).")
    long maxScanned = ConsumerLag.DEFAULT_MAX_SCANNED;

    LagCommand(Ops ops) {
        this.ops = ops;
    }

    /** The --stream answer. */
    record StreamAnswer(String streamId, List<StreamLag> consumers) {}

    @Override
    public Integer call() {
        ConsumerLag lag = new ConsumerLag(ops.clients().dynamoDb(), ops.resources(), ops.clock());
        if (streamId != null) {
            List<StreamLag> lags = lag.stream(streamId);
            ops.print(spec.commandLine().getOut(), new StreamAnswer(streamId, lags), a -> human(a.consumers()));
            return lags.stream().anyMatch(l -> l.behind() > 0) ? ExitCodes.ATTENTION : ExitCodes.OK;
        }
        List<LagView> views;
        try (Progress progress = ops.progress("scanning events", -1)) {
            views = lag.all(maxScanned, progress::step);
        }
        ops.print(spec.commandLine().getOut(), views, LagCommand::humanAll);
        return views.stream().anyMatch(v -> v.streamsBehind() > 0) ? ExitCodes.ATTENTION : ExitCodes.OK;
    }

    static String humanAll(List<LagView> views) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%-36s %-9s %8s %8s %8s  %s%n",
                "consumer", "context", "streams", "behind", "events", "oldest missing"));
        for (LagView v : views) {
            out.append(String.format(
                    "%-36s %-9s %8d %8d %8d  %s%s%n",
                    v.consumer(),
                    v.context(),
                    v.streams(),
                    v.streamsBehind(),
                    v.eventsBehind(),
                    v.oldestUnprocessed() == null ? "-" : age(v.maxAgeMs()) + " ago (" + v.oldestUnprocessed() + ")",
                    v.complete() ? "" : "  (scan capped: raise --max-scanned)"));
        }
        for (LagView v : views) {
            if (!v.worst().isEmpty()) {
                out.append('\n')
                        .append(v.consumer())
                        .append(", furthest behind:\n")
                        .append(human(v.worst()));
            }
        }
        return out.toString();
    }

    static String human(List<StreamLag> lags) {
        StringBuilder out = new StringBuilder();
        for (StreamLag l : lags) {
            out.append(String.format(
                    "  %-36s %-40s at v%d of v%d%s%n",
                    l.consumer(),
                    l.streamId(),
                    l.checkpoint(),
                    l.head(),
                    l.behind() == 0 ? "" : ", " + l.behind() + " behind for " + age(l.ageMs())));
        }
        return out.toString();
    }

    static String age(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toDays() > 0) {
            return d.toDays() + "d" + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return d.toSeconds() + "." + String.format("%03d", d.toMillisPart()) + "s";
    }
}
