package dev.eventline.infrastructure;

import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.config.EnvironmentPresets;
import java.util.LinkedHashMap;

/**
 * Synthesizes every environment ({@code dev}, {@code staging}, {@code prod}) into
 * {@code infrastructure/cdk.out/<env>}, failing if any has a synthesis error (cdk-nag included).
 * Extra {@code key=value} arguments are passed as context to each.
 *
 * <p>{@code mvn -pl infrastructure exec:java@synth-all}
 */
public final class SynthesizeAll {

    private SynthesizeAll() {}

    public static void main(String[] args) {
        int errors = 0;
        for (String environment : EnvironmentPresets.ENVIRONMENTS) {
            var context = new LinkedHashMap<String, Object>(EventlineApp.contextFromArguments(args));
            context.put(ConfigInputs.ENV, environment);
            errors += EventlineApp.synthesize(context);
        }
        if (errors > 0) {
            System.err.println(errors + " synthesis error(s)");
            System.exit(1);
        }
    }
}
