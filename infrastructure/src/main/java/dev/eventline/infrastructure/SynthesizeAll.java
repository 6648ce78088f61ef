package dev.eventline.infrastructure;

import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.config.EnvironmentPresets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Synthesizes every environment ({@code dev}, {@code staging}, {@code prod}) into
 * {@code infrastructure/cdk.out/<env>}, failing if any has a synthesis error (cdk-nag included).
 * Extra {@code key=value} arguments are passed as context to each.
 *
 * <p>{@code mvn -pl infrastructure exec:java@synth-all}
 */
public final class SynthesizeAll {

    /**
     * Console domain, certificate and web ACL that staging and prod cannot synthesize without, for
     * checking their templates only: the reserved {@code .invalid} domain and account 000000000000
     * point at nothing. Deploys name the real ones (docs/deploy.md).
     */
    public static final Map<String, String> EXAMPLE_CONSOLE_CONTEXT = Map.of(
            ConfigInputs.CONSOLE_DOMAIN, "console.eventline.invalid",
            ConfigInputs.CONSOLE_CERTIFICATE_ARN, "arn:aws:acm:us-east-1:000000000000:certificate/example",
            ConfigInputs.CONSOLE_WEB_ACL_ARN, "arn:aws:wafv2:us-east-1:000000000000:global/webacl/example/example");

    private SynthesizeAll() {}

    public static void main(String[] args) {
        int errors = 0;
        for (String environment : EnvironmentPresets.ENVIRONMENTS) {
            var context = new LinkedHashMap<String, Object>(EventlineApp.contextFromArguments(args));
            context.put(ConfigInputs.ENV, environment);
            if (!environment.equals(EnvironmentPresets.DEFAULT_ENVIRONMENT)
                    && !context.containsKey(ConfigInputs.CONSOLE_DOMAIN)) {
                EXAMPLE_CONSOLE_CONTEXT.forEach(context::putIfAbsent);
            }
            errors += EventlineApp.synthesize(context);
        }
        if (errors > 0) {
            System.err.println(errors + " synthesis error(s)");
            System.exit(1);
        }
    }
}
