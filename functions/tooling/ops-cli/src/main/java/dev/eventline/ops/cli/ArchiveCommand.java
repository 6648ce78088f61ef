package dev.eventline.ops.cli;

import dev.eventline.operations.ArchiveReplays;
import dev.eventline.operations.ArchiveReplays.ReplayView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventline archive replay --from T --to T | archive status <name>}. */
@Command(
        name = "archive",
        description = "The event bus's archive: replay what it received in a time window.",
        subcommands = {ArchiveCommand.Replay.class, ArchiveCommand.Status.class})
final class ArchiveCommand {

    @Command(
            name = "replay",
            description = {
                "Replay the events the bus archived between --from and --to onto the bus (EventBridge StartReplay),",
                "to every rule or to those given. Waits for the replay to finish unless --no-wait.",
                "Exit 1 when it failed or was cancelled, or is still running at --timeout."
            })
    static final class Replay implements Callable<Integer> {
        private final Ops ops;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "e.g. 2026-11-30T09:00:00Z")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "e.g. 2026-11-30T10:00:00Z")
        Instant to;

        @Option(names = "--name", paramLabel = "NAME", description = "The replay's name (default <archive>-<epoch>).")
        String name;

        @Option(names = "--rule", paramLabel = "ARN", description = "Deliver only to this rule (repeatable).")
        List<String> rules = new ArrayList<>();

        @Option(names = "--no-wait", description = "Start it and return.")
        boolean noWait;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                description = "How long to wait (default ${DEFAULT-VALUE}).")
        Duration timeout = Duration.ofMinutes(30);

        Replay(Ops ops) {
            this.ops = ops;
        }

        @Override
        public Integer call() throws InterruptedException {
            ArchiveReplays replays = new ArchiveReplays(ops.clients().eventBridge(), ops.resources(), ops.clock());
            ReplayView started;
            try {
                started = replays.start(from, to, Optional.ofNullable(name), rules);
            } catch (IllegalArgumentException invalid) {
                throw new OperationException(ExitCodes.USAGE, invalid.getMessage());
            }
            ReplayView view = started;
            if (!noWait && !started.finished()) {
                long window = Math.max(1, Duration.between(from, to).toSeconds());
                try (Progress progress = ops.progress("replay " + started.name() + " (s of window)", window)) {
                    long[] shown = {0};
                    view = replays.await(started.name(), timeout, Duration.ofSeconds(5), v -> {
                        progress.note(v.state());
                        if (v.lastReplayed() != null) {
                            long done = Math.min(
                                    window,
                                    Math.max(
                                            0,
                                            Duration.between(from, v.lastReplayed())
                                                    .toSeconds()));
                            progress.step(done - shown[0]);
                            shown[0] = done;
                        }
                    });
                }
            }
            ops.print(spec.commandLine().getOut(), view, ArchiveCommand::human);
            return exitCode(view, noWait);
        }
    }

    @Command(name = "status", description = "A replay's state.")
    static final class Status implements Callable<Integer> {
        private final Ops ops;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        Status(Ops ops) {
            this.ops = ops;
        }

        @Override
        public Integer call() {
            ReplayView view =
                    new ArchiveReplays(ops.clients().eventBridge(), ops.resources(), ops.clock()).describe(name);
            ops.print(spec.commandLine().getOut(), view, ArchiveCommand::human);
            return exitCode(view, true);
        }
    }

    static int exitCode(ReplayView view, boolean runningIsFine) {
        return switch (view.state()) {
            case "COMPLETED" -> ExitCodes.OK;
            case "STARTING", "RUNNING" -> runningIsFine ? ExitCodes.OK : ExitCodes.ATTENTION;
            default -> ExitCodes.ATTENTION;
        };
    }

    static String human(ReplayView v) {
        return "replay " + v.name() + ": " + v.state() + (v.reason() == null ? "" : " (" + v.reason() + ")") + "\n"
                + "  events " + v.from() + " .. " + v.to() + " from " + v.archive() + "\n"
                + "  last replayed " + (v.lastReplayed() == null ? "-" : v.lastReplayed()) + ", started "
                + v.startedAt() + (v.endedAt() == null ? "" : ", ended " + v.endedAt()) + "\n";
    }
}
