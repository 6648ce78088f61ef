package dev.eventline.infrastructure;

import dev.eventline.infrastructure.assets.FunctionAssets;
import dev.eventline.infrastructure.assets.RepositoryRoot;
import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.config.EnvironmentPresets;
import dev.eventline.infrastructure.stacks.Deployment;
import dev.eventline.infrastructure.stacks.EventlineStacks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * The CDK app: synthesizes the stacks of one environment, chosen with context {@code env}
 * ({@code dev} by default).
 *
 * <p>With the cdk CLI: {@code cdk synth -c env=prod} (see {@code cdk.json}). Without it, context
 * comes as arguments: {@code mvn -pl infrastructure compile exec:java -Dexec.args="env=prod"};
 * the cloud assembly then goes to {@code infrastructure/cdk.out/<env>} unless {@code outdir=<dir>}.
 */
public final class EventlineApp {

    /** Argument naming the cloud assembly directory (when not run by the cdk CLI). */
    public static final String OUTDIR = "outdir";

    private EventlineApp() {}

    public static void main(String[] args) {
        if (synthesize(contextFromArguments(args)) > 0) {
            System.exit(1);
        }
    }

    /**
     * Synthesizes one environment; returns the number of synthesis errors (printed when the cdk
     * CLI is not the caller, since nothing else would print them).
     */
    static int synthesize(Map<String, Object> arguments) {
        var context = new LinkedHashMap<>(arguments);
        var props = AppProps.builder();
        Object outdir = context.remove(OUTDIR);
        boolean underCdkCli = System.getenv("CDK_OUTDIR") != null;
        if (!underCdkCli) {
            props.outdir(
                    outdir != null ? outdir.toString() : defaultOutdir(context).toString());
        }
        var app = new App(props.context(context).build());
        define(app, System.getenv());
        CloudAssembly assembly = app.synth();
        return underCdkCli ? 0 : reportFindings(assembly);
    }

    /**
     * Without the cdk CLI nobody prints the synthesis messages (cdk-nag findings among them):
     * prints errors and warnings to stderr, returns the number of errors. (cxapi's message types are
     * deprecated in favour of the TypeScript-only cloud-assembly-api; Java has no other reader.)
     */
    @SuppressWarnings("deprecation")
    private static int reportFindings(CloudAssembly assembly) {
        int errors = 0;
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            for (SynthesisMessage message : stack.getMessages()) {
                if (message.getLevel() == SynthesisMessageLevel.INFO) {
                    continue;
                }
                errors += message.getLevel() == SynthesisMessageLevel.ERROR ? 1 : 0;
                System.err.println("[" + message.getLevel() + "] " + message.getId() + ": "
                        + message.getEntry().getData());
            }
        }
        System.out.println("synthesized " + assembly.getStacks().size() + " stacks to " + assembly.getDirectory());
        return errors;
    }

    /**
     * Defines the stacks of the environment the app's context names.
     *
     * @param environmentVariables where {@code CDK_DEFAULT_ACCOUNT}/{@code CDK_DEFAULT_REGION} come from
     */
    public static EventlineStacks define(App app, Map<String, String> environmentVariables) {
        Function<String, Optional<String>> context =
                key -> Optional.ofNullable(app.getNode().tryGetContext(key)).map(String::valueOf);
        var config = EnvironmentPresets.resolve(new ConfigInputs(context, environmentVariables));
        Path root = RepositoryRoot.locate(context.apply(RepositoryRoot.PROPERTY));
        FunctionAssets assets = context.apply(FunctionAssets.OVERRIDE)
                .or(() -> Optional.ofNullable(System.getProperty(FunctionAssets.OVERRIDE)))
                .filter(dir -> !dir.isBlank())
                .map(dir -> FunctionAssets.in(Path.of(dir)))
                .orElseGet(() -> FunctionAssets.builtBy(root))
                .requireAll();
        return EventlineStacks.define(app, Deployment.of(config, assets, root.resolve("schemas")));
    }

    /** {@code key=value} pairs, optionally preceded by {@code -c}/{@code --context} as with the cdk CLI. */
    static Map<String, Object> contextFromArguments(String[] args) {
        var context = new LinkedHashMap<String, Object>();
        for (String arg : args) {
            if (arg.equals("-c") || arg.equals("--context")) {
                continue;
            }
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected key=value (e.g. env=prod), got '" + arg + "'");
            }
            context.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return context;
    }

    private static Path defaultOutdir(Map<String, Object> context) {
        Path root = RepositoryRoot.locate(
                Optional.ofNullable(context.get(RepositoryRoot.PROPERTY)).map(String::valueOf));
        String env = Optional.ofNullable(context.get(ConfigInputs.ENV))
                .map(String::valueOf)
                .orElse(EnvironmentPresets.DEFAULT_ENVIRONMENT);
        return root.resolve("infrastructure").resolve("cdk.out").resolve(env);
    }
}
