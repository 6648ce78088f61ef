package dev.eventline.ops.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code eventline target}: which stack the other commands would talk to, and its resource names. */
@Command(name = "target", description = "Show which stack commands run against and its resource names.")
final class TargetCommand implements java.util.concurrent.Callable<Integer> {
    private final Ops ops;

    @Spec
    CommandSpec spec;

    TargetCommand(Ops ops) {
        this.ops = ops;
    }

    /** What the command answers; also its --json form. */
    record Answer(String target, String endpoint, String environment, String prefix) {}

    @Override
    public Integer call() {
        Target target = ops.target();
        Answer answer = new Answer(
                target.describe(),
                target.endpoint().map(Object::toString).orElse(null),
                target.names().env(),
                target.names().prefix());
        ops.print(spec.commandLine().getOut(), answer, a -> a.target() + "\nresources: " + a.prefix() + "-*\n");
        return ExitCodes.OK;
    }
}
