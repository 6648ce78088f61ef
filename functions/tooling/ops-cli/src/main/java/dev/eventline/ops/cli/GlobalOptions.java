package dev.eventline.ops.cli;

import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where a command runs and how it answers. Inherited by every subcommand, so they may come anywhere on
 * the line: {@code eventline --env prod lag} and {@code eventline lag --env prod} are the same.
 */
public final class GlobalOptions {

    /** The environments the stacks are deployed as (infrastructure's EnvironmentPresets). */
    public enum Env {
        dev,
        staging,
        prod
    }

    @Option(
            names = "--local",
            scope = ScopeType.INHERIT,
            description = "Run against the local stack (make up): AWS_ENDPOINT_URL, else the running stack's"
                    + " endpoint file, else http://127.0.0.1:3000. The default unless --env is given.")
    boolean local;

    @Option(
            names = "--env",
            scope = ScopeType.INHERIT,
            paramLabel = "dev|staging|prod",
            description = "Run against a deployed environment with the standard credential chain and region.")
    Env env;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Answer in JSON on stdout (one document), for scripts; progress stays on stderr.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** The deployed environment asked for, or empty for the local stack. */
    public Optional<Env> env() {
        if (local && env != null) {
            throw new OperationException(ExitCodes.USAGE, "--local and --env " + env + " exclude each other");
        }
        return Optional.ofNullable(env);
    }
}
