package dev.eventline.ops.cli;

import dev.eventline.operations.StreamInspector;
import dev.eventline.operations.StreamView;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventline stream show <id> [--at N]}. */
@Command(name = "stream", description = "Look at a stream in its events table.", subcommands = StreamCommand.Show.class)
final class StreamCommand {

    @Command(name = "show", description = "A stream's events with their metadata, and its state at a version.")
    static final class Show implements Callable<Integer> {
        private final Ops ops;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "STREAM", description = "The stream id, e.g. Order-7f0c… or Account-…")
        String streamId;

        @Option(names = "--at", paramLabel = "N", description = "Fold the state up to version N (default: the head).")
        Long at;

        Show(Ops ops) {
            this.ops = ops;
        }

        @Override
        public Integer call() {
            StreamView view;
            try {
                view = new StreamInspector(ops.clients().dynamoDb(), ops.resources())
                        .show(streamId, at == null ? OptionalLong.empty() : OptionalLong.of(at));
            } catch (IllegalArgumentException invalid) {
                throw new OperationException(ExitCodes.USAGE, invalid.getMessage());
            }
            ops.print(spec.commandLine().getOut(), view, StreamCommand::human);
            if (!view.exists()) {
                return ExitCodes.NOT_FOUND;
            }
            return view.state().stoppedAt() == null ? ExitCodes.OK : ExitCodes.ATTENTION;
        }
    }

    static String human(StreamView v) {
        if (!v.exists()) {
            return "no stream " + v.streamId() + " in the " + v.context() + " events table\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(v.streamId())
                .append(" (")
                .append(v.context())
                .append("): ")
                .append(v.head())
                .append(" event(s)")
                .append(v.at() < v.head() ? ", shown at v" + v.at() : "")
                .append('\n');
        if (v.truncated()) {
            out.append("  (earlier events not listed)\n");
        }
        out.append(String.format(
                "  %4s  %-24s %-3s %-30s  %-36s  %s%n", "v", "type", "sv", "recorded", "correlation", "actor"));
        for (StreamView.EventView e : v.events()) {
            out.append(String.format(
                    "  %4d  %-24s %-3d %-30s  %-36s  %s%n",
                    e.version(), e.type(), e.schemaVersion(), e.recordedAt(), e.correlationId(), e.actor()));
            out.append("        ").append(e.data()).append('\n');
        }
        StreamView.StateView s = v.state();
        out.append("state at v")
                .append(s.version())
                .append(s.type() == null ? "" : " (" + s.type() + ")")
                .append(":\n  ");
        out.append(s.state()).append('\n');
        if (s.stoppedAt() != null) {
            out.append("the fold stopped: ").append(s.stoppedAt()).append('\n');
        }
        return out.toString();
    }
}
