package dev.eventline.ops.cli;

import java.util.List;

/**
 * Every top-level subcommand of {@code eventline}, in the order {@code --help} lists them. A new
 * subcommand is a class here: picocli builds it with {@link Ops} when its constructor takes one.
 */
final class Subcommands {
    private Subcommands() {}

    static final List<Class<?>> ALL = List.of(
            StreamCommand.class,
            LagCommand.class,
            DlqCommand.class,
            ArchiveCommand.class,
            RebuildCommand.class,
            BackfillCommand.class,
            VerifyCommand.class,
            TargetCommand.class);
}
