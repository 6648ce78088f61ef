package dev.eventline.infrastructure.config;

import dev.eventline.infrastructure.config.EnvironmentConfig.AlarmThresholds;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiThrottling;
import dev.eventline.infrastructure.config.EnvironmentConfig.ConsistencyVerification;
import dev.eventline.infrastructure.config.EnvironmentConfig.DeploymentTarget;
import dev.eventline.infrastructure.config.EnvironmentConfig.FunctionSizing;
import dev.eventline.infrastructure.config.EnvironmentConfig.QueueConsumption;
import dev.eventline.infrastructure.config.EnvironmentConfig.StreamConsumption;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The values of {@link EnvironmentConfig} for each environment: the only place they are written. */
public final class EnvironmentPresets {

    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(60);
    /** A verifier run folds its whole sample in one invocation: about 3 requests per stream. */
    private static final Duration VERIFIER_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    private static final int SNAPSHOT_THRESHOLD = 100;

    private EnvironmentPresets() {}

    /** The configuration named by context {@code env} (default {@value #DEFAULT_ENVIRONMENT}). */
    public static EnvironmentConfig resolve(ConfigInputs inputs) {
        String name = inputs.contextValue(ConfigInputs.ENV).orElse(DEFAULT_ENVIRONMENT);
        var target = new DeploymentTarget(
                inputs.account().orElse(null), inputs.region().orElse(null));
        return switch (name) {
            case "dev" -> dev(target);
            case "staging" -> staging(target, jwt(inputs, name));
            case "prod" -> prod(target, jwt(inputs, name));
            default ->
                throw new IllegalArgumentException(
                        "unknown environment '" + name + "': use -c env=" + String.join("|", ENVIRONMENTS));
        };
    }

    static EnvironmentConfig dev(DeploymentTarget target) {
        return new EnvironmentConfig(
                "dev",
                target,
                sizing(1024, 512, new Concurrency(10, 5, 2)),
                "DEBUG",
                RetentionDays.ONE_WEEK,
                new AlarmThresholds(60_000, 0.05, 5, 5, 0, Duration.ofMinutes(5), 1, 300_000),
                RemovalPolicy.DESTROY,
                false,
                Duration.ofDays(7),
                new StreamConsumption(100, Duration.ofSeconds(1), 3, Duration.ofHours(1), 1),
                new QueueConsumption(10, 5, 6, DEAD_LETTER_RETENTION, 2),
                new ApiThrottling(50, 100),
                new ApiAuthorization.Iam(),
                SNAPSHOT_THRESHOLD,
                new ConsistencyVerification(Duration.ofHours(1), 1_000, true));
    }

    static EnvironmentConfig staging(DeploymentTarget target, ApiAuthorization.Jwt jwt) {
        return new EnvironmentConfig(
                "staging",
                target,
                sizing(1536, 1024, new Concurrency(50, 10, 5)),
                "INFO",
                RetentionDays.ONE_MONTH,
                new AlarmThresholds(30_000, 0.02, 3, 3, 0, Duration.ofMinutes(5), 1, 120_000),
                RemovalPolicy.RETAIN,
                true,
                Duration.ofDays(30),
                new StreamConsumption(100, Duration.ofSeconds(1), 5, Duration.ofHours(6), 2),
                new QueueConsumption(10, 5, 6, DEAD_LETTER_RETENTION, 5),
                new ApiThrottling(200, 400),
                jwt,
                SNAPSHOT_THRESHOLD,
                new ConsistencyVerification(Duration.ofHours(6), 10_000, true));
    }

    static EnvironmentConfig prod(DeploymentTarget target, ApiAuthorization.Jwt jwt) {
        return new EnvironmentConfig(
                "prod",
                target,
                sizing(2048, 1024, new Concurrency(200, 40, 10)),
                "INFO",
                RetentionDays.THREE_MONTHS,
                new AlarmThresholds(10_000, 0.01, 1, 1, 0, Duration.ofMinutes(1), 3, 60_000),
                RemovalPolicy.RETAIN,
                true,
                Duration.ofDays(365),
                new StreamConsumption(100, Duration.ZERO, 10, Duration.ofHours(24), 4),
                new QueueConsumption(10, 5, 6, DEAD_LETTER_RETENTION, 10),
                new ApiThrottling(1000, 2000),
                jwt,
                SNAPSHOT_THRESHOLD,
                new ConsistencyVerification(Duration.ofHours(24), 50_000, false));
    }

    /**
     * Reserved concurrency: {@code api} for each HTTP function, {@code streamConsumer} for each stream
     * consumer (at least shards x parallelization factor, or the mapping throttles itself), {@code queueConsumer}
     * for the SQS consumer (its event source's maximum concurrency). Everything reserved in an environment
     * must leave the account's 100 unreserved executions; the API's share is what a backlog cannot take.
     */
    record Concurrency(int api, int streamConsumer, int queueConsumer) {}

    /** HTTP-facing functions get {@code apiMemoryMb}, stream and queue consumers {@code consumerMemoryMb}. */
    private static Map<FunctionSpec, FunctionSizing> sizing(
            int apiMemoryMb, int consumerMemoryMb, Concurrency concurrency) {
        var api = new FunctionSizing(apiMemoryMb, API_TIMEOUT, concurrency.api());
        var streamConsumer = new FunctionSizing(consumerMemoryMb, CONSUMER_TIMEOUT, concurrency.streamConsumer());
        var queueConsumer = new FunctionSizing(consumerMemoryMb, CONSUMER_TIMEOUT, concurrency.queueConsumer());
        var sizing = new EnumMap<FunctionSpec, FunctionSizing>(FunctionSpec.class);
        sizing.put(FunctionSpec.ORDERING_COMMAND_API, api);
        sizing.put(FunctionSpec.ORDERING_QUERY_API, api);
        sizing.put(FunctionSpec.ACCOUNTS_API, api);
        sizing.put(FunctionSpec.ORDERING_PROJECTOR, streamConsumer);
        sizing.put(FunctionSpec.ORDERING_PUBLISHER, streamConsumer);
        sizing.put(FunctionSpec.SHIPPING_NOTIFICATIONS, queueConsumer);
        sizing.put(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER, streamConsumer);
        // one run at a time: a slow run is never overlapped by the next schedule
        sizing.put(FunctionSpec.ORDERING_VERIFIER, new FunctionSizing(consumerMemoryMb, VERIFIER_TIMEOUT, 1));
        return sizing;
    }

    /** Issuer and audience from context, with placeholders that synthesize but authenticate nobody. */
    private static ApiAuthorization.Jwt jwt(ConfigInputs inputs, String env) {
        String issuer = inputs.contextValue(ConfigInputs.JWT_ISSUER).orElse("https://auth.eventline.example/" + env);
        List<String> audience = inputs.contextValue(ConfigInputs.JWT_AUDIENCE)
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of("eventline-" + env + "-api"));
        return new ApiAuthorization.Jwt(issuer, audience);
    }
}
