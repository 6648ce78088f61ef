package dev.eventline.ops.cli;

import dev.eventline.operations.NotFoundException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code eventline}, the operator's command line ({@code ./eventline} at the repository root). The
 * subcommands are listed in {@link Subcommands}; each is built by picocli with the process's
 * {@link Ops}. This class is the composition root: the one {@link Clock} is created in {@link #main}.
 */
@Command(
        name = "eventline",
        mixinStandardHelpOptions = true,
        versionProvider = Eventline.Version.class,
        description = "Operate Eventline: look at streams, lags and dead letters, redrive, replay.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done, nothing left to look at",
            "  1  done, but something needs attention (messages left, mismatch, consumer behind)",
            "  2  invalid command line",
            "  3  what was named does not exist (stream, queue, read model, archive)",
            "  4  the local stack or AWS cannot be reached, or refused the credentials",
            "  5  failed part-way; run it again to resume",
            "130  interrupted (Ctrl-C); run it again to resume",
            "See docs/operations.md."
        })
public final class Eventline implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions options;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code;
        try (Ops ops = new Ops(Clock.systemUTC(), System.getenv())) {
            code = commandLine(ops).execute(args);
        }
        System.exit(code);
    }

    /** The whole command tree for {@code ops}; tests execute it with captured output. */
    public static CommandLine commandLine(Ops ops) {
        CommandLine line = new CommandLine(new Eventline(), new Factory(ops));
        for (Class<?> subcommand : Subcommands.ALL) {
            line.addSubcommand(subcommand);
        }
        line.setExecutionExceptionHandler(Eventline::onException);
        line.setExitCodeExceptionMapper(Eventline::exitCodeOf);
        return line;
    }

    private static int onException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        PrintWriter err = line.getErr();
        err.println(line.getColorScheme().errorText(messageOf(e)));
        err.flush();
        return exitCodeOf(e);
    }

    static int exitCodeOf(Throwable e) {
        return switch (e) {
            case OperationException op -> op.exitCode();
            case CommandLine.ParameterException p -> ExitCodes.USAGE;
            case NotFoundException nf -> ExitCodes.NOT_FOUND;
            case InterruptedException interrupted -> ExitCodes.INTERRUPTED;
            // what the library refuses before doing anything: a stream id, a version, a window
            case IllegalArgumentException invalid -> ExitCodes.USAGE;
            case AwsServiceException aws
            when aws.statusCode() == 404
                    || aws.getClass().getSimpleName().contains("NotFound")
                    || aws.getClass().getSimpleName().contains("NonExistent") -> ExitCodes.NOT_FOUND;
            case AwsServiceException aws
            when aws.statusCode() == 401 || aws.statusCode() == 403 -> ExitCodes.UNAVAILABLE;
            case SdkClientException client -> ExitCodes.UNAVAILABLE;
            default -> ExitCodes.FAILED;
        };
    }

    private static String messageOf(Exception e) {
        return switch (e) {
            case OperationException op -> op.getMessage();
            case NotFoundException nf -> nf.getMessage();
            case IllegalArgumentException invalid -> invalid.getMessage();
            case SdkClientException client ->
                "cannot reach AWS: " + client.getMessage()
                        + " (is the local stack running? make up; or pass --env dev|staging|prod)";
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }

    /** Builds subcommands with {@link Ops} when they take it, else as picocli would. */
    record Factory(Ops ops) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == GlobalOptions.class) {
                return type.cast(ops.options);
            }
            try {
                Constructor<K> withOps = type.getDeclaredConstructor(Ops.class);
                return withOps.newInstance(ops);
            } catch (NoSuchMethodException noOps) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Eventline.class.getPackage().getImplementationVersion();
            return new String[] {"eventline " + (version == null ? "(development build)" : version)};
        }
    }

    /** For tests and scripts that run the command tree without System.exit. */
    public static int execute(Ops ops, String... args) {
        return commandLine(ops).execute(args);
    }
}
