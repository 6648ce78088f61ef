package dev.eventline.infrastructure.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where deploy-time choices come from: CDK context ({@code -c key=value}) first, then the
 * {@code CDK_DEFAULT_*} variables the cdk CLI sets.
 *
 * @param context              CDK context lookup, e.g. {@code app.getNode()::tryGetContext}
 * @param environmentVariables usually {@code System.getenv()}; tests pass a fixed map
 */
public record ConfigInputs(Function<String, Optional<String>> context, Map<String, String> environmentVariables) {

    public static final String ENV = "env";
    public static final String ACCOUNT = "account";
    public static final String REGION = "region";
    public static final String JWT_ISSUER = "jwtIssuer";
    /** Comma-separated list of accepted audiences. */
    public static final String JWT_AUDIENCE = "jwtAudience";
    /** Host name the event console is served on (staging and prod: required). */
    public static final String CONSOLE_DOMAIN = "consoleDomain";
    /** ACM certificate (us-east-1) of {@link #CONSOLE_DOMAIN}. */
    public static final String CONSOLE_CERTIFICATE_ARN = "consoleCertificateArn";
    /** WAFv2 web ACL (scope CLOUDFRONT) in front of the console. */
    public static final String CONSOLE_WEB_ACL_ARN = "consoleWebAclArn";
    /** Comma-separated ISO country codes the console is served to (optional). */
    public static final String CONSOLE_COUNTRIES = "consoleCountries";

    /** {@code count|event|chaser|time}: overrides the environment's snapshot strategy. */
    public static final String SNAPSHOT_STRATEGY = "snapshotStrategy";
    /** Minutes between two runs of the time-based strategy's schedule: overrides the environment's rate. */
    public static final String SNAPSHOT_SCHEDULE_MINUTES = "snapshotScheduleMinutes";

    public ConfigInputs {
        environmentVariables = Map.copyOf(environmentVariables);
    }

    public Optional<String> contextValue(String key) {
        return context.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    public Optional<String> account() {
        return contextValue(ACCOUNT).or(() -> variable("CDK_DEFAULT_ACCOUNT"));
    }

    public Optional<String> region() {
        return contextValue(REGION).or(() -> variable("CDK_DEFAULT_REGION"));
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environmentVariables.get(name)).filter(value -> !value.isBlank());
    }
}
