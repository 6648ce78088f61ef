package dev.eventline.infrastructure.config;

import dev.eventline.infrastructure.config.EnvironmentConfig.AlarmThresholds;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiThrottling;
import dev.eventline.infrastructure.config.EnvironmentConfig.ConsistencyVerification;
import dev.eventline.infrastructure.config.EnvironmentConfig.ConsoleDomain;
import dev.eventline.infrastructure.config.EnvironmentConfig.ConsoleEdge;
import dev.eventline.infrastructure.config.EnvironmentConfig.DeploymentTarget;
import dev.eventline.infrastructure.config.EnvironmentConfig.FunctionSizing;
import dev.eventline.infrastructure.config.EnvironmentConfig.QueueConsumption;
import dev.eventline.infrastructure.config.EnvironmentConfig.RouteLimit;
import dev.eventline.infrastructure.config.EnvironmentConfig.SnapshotStrategy;
import dev.eventline.infrastructure.config.EnvironmentConfig.Snapshotting;
import dev.eventline.infrastructure.config.EnvironmentConfig.StreamConsumption;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The values of {@link EnvironmentConfig} for each environment: the only place they are written. */
public final class EnvironmentPresets {

    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(60);
    /** A verifier run folds its whole sample in one invocation: about 3 requests per stream. */
    private static final Duration VERIFIER_TIMEOUT = Duration.ofMinutes(10);
    /**
     * A rebuild worker folds the streams of one export data file (one Query per stream): Lambda's
     * longest run, so a large file is not cut short; a child that fails is retried by the map.
     */
    private static final Duration REBUILD_WORKER_TIMEOUT = Duration.ofMinutes(15);

    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);
    private static final int SNAPSHOT_THRESHOLD = 100;
    /** A run scans the accounts events table and snapshots every active account: minutes, not seconds. */
    private static final Duration SCHEDULED_SNAPSHOTS_TIMEOUT = Duration.ofMinutes(5);

    private EnvironmentPresets() {}

    /** The configuration named by context {@code env} (default {@value #DEFAULT_ENVIRONMENT}). */
    public static EnvironmentConfig resolve(ConfigInputs inputs) {
        String name = inputs.contextValue(ConfigInputs.ENV).orElse(DEFAULT_ENVIRONMENT);
        var target = new DeploymentTarget(
                inputs.account().orElse(null), inputs.region().orElse(null));
        EnvironmentConfig preset = preset(inputs, name, target);
        Snapshotting snapshotting = new Snapshotting(
                inputs.contextValue(ConfigInputs.SNAPSHOT_STRATEGY)
                        .map(SnapshotStrategy::of)
                        .orElse(preset.snapshotting().strategy()),
                inputs.contextValue(ConfigInputs.SNAPSHOT_SCHEDULE_MINUTES)
                        .map(EnvironmentPresets::scheduleMinutes)
                        .orElse(preset.snapshotting().every()));
        return snapshotting.equals(preset.snapshotting()) ? preset : preset.withSnapshotting(snapshotting);
    }

    private static Duration scheduleMinutes(String minutes) {
        try {
            return Duration.ofMinutes(Long.parseLong(minutes));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ConfigInputs.SNAPSHOT_SCHEDULE_MINUTES
                    + " must be a whole number of minutes, was '" + minutes + "'");
        }
    }

    private static EnvironmentConfig preset(ConfigInputs inputs, String name, DeploymentTarget target) {
        return switch (name) {
            case "dev" -> dev(target, devJwt(inputs), consoleDomain(inputs, name, false), consoleCountries(inputs));
            case "staging" ->
                staging(
                        target,
                        jwt(inputs, name),
                        consoleDomain(inputs, name, true).orElseThrow(),
                        consoleCountries(inputs));
            case "prod" ->
                prod(
                        target,
                        jwt(inputs, name),
                        consoleDomain(inputs, name, true).orElseThrow(),
                        consoleCountries(inputs));
            default ->
                throw new IllegalArgumentException(
                        "unknown environment '" + name + "': use -c env=" + String.join("|", ENVIRONMENTS));
        };
    }

    static EnvironmentConfig dev(DeploymentTarget target) {
        return dev(
                target,
                new ApiAuthorization.Jwt(placeholderIssuer("dev"), placeholderAudience("dev")),
                Optional.empty(),
                List.of());
    }

    /**
     * Dev authenticates like staging and prod, with a JWT authorizer, so that every environment (and
     * the local stack, whose local issuer signs tokens for this issuer and audience) sees the same
     * caller claims; only the issuer differs.
     */
    static EnvironmentConfig dev(
            DeploymentTarget target,
            ApiAuthorization.Jwt jwt,
            Optional<ConsoleDomain> consoleDomain,
            List<String> countries) {
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
                throttling(new ApiThrottling(50, 100), new RouteLimit(10, 20), new RouteLimit(2, 5)),
                jwt,
                SNAPSHOT_THRESHOLD,
                false,
                new ConsoleEdge(PriceClass.PRICE_CLASS_100, consoleDomain, countries, 7),
                new ConsistencyVerification(Duration.ofHours(1), 1_000, true),
                new Snapshotting(SnapshotStrategy.CHASER, Duration.ofMinutes(15)));
    }

    /**
     * The stage limits, tighter on the reads that may wait for the projection (a caller can make each
     * one hold a function up to the 5 s cap) and on erasure (rare, irreversible, and a KMS call each).
     */
    static ApiThrottling throttling(ApiThrottling stage, RouteLimit waitingReads, RouteLimit erasure) {
        return stage.withRoute("GET /orders/{orderId}", waitingReads)
                .withRoute("GET /accounts/{accountId}", waitingReads)
                .withRoute("DELETE /customers/{customerId}/personal-data", erasure)
                .withRoute("DELETE /owners/{ownerId}/personal-data", erasure);
    }

    static EnvironmentConfig staging(
            DeploymentTarget target, ApiAuthorization.Jwt jwt, ConsoleDomain consoleDomain, List<String> countries) {
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
                throttling(new ApiThrottling(200, 400), new RouteLimit(40, 80), new RouteLimit(5, 10)),
                jwt,
                SNAPSHOT_THRESHOLD,
                true,
                new ConsoleEdge(PriceClass.PRICE_CLASS_100, Optional.of(consoleDomain), countries, 30),
                new ConsistencyVerification(Duration.ofHours(6), 10_000, true),
                new Snapshotting(SnapshotStrategy.CHASER, Duration.ofMinutes(10)));
    }

    static EnvironmentConfig prod(
            DeploymentTarget target, ApiAuthorization.Jwt jwt, ConsoleDomain consoleDomain, List<String> countries) {
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
                throttling(new ApiThrottling(1000, 2000), new RouteLimit(200, 400), new RouteLimit(10, 20)),
                jwt,
                SNAPSHOT_THRESHOLD,
                true,
                new ConsoleEdge(PriceClass.PRICE_CLASS_ALL, Optional.of(consoleDomain), countries, 90),
                new ConsistencyVerification(Duration.ofHours(24), 50_000, false),
                new Snapshotting(SnapshotStrategy.CHASER, Duration.ofMinutes(5)));
    }

    /**
     * Reserved concurrency: {@code api} for each HTTP function, {@code streamConsumer} for each stream
     * consumer (at least shards x parallelization factor, or the mapping throttles itself), {@code queueConsumer}
     * for the SQS consumer (its event source's maximum concurrency). Everything reserved in an environment
     * must leave the account's 100 unreserved executions; the API's share is what a backlog cannot take.
     */
    record Concurrency(int api, int streamConsumer, int queueConsumer) {}

    /** Reserved concurrency of the staff-only explorer API, in every environment. */
    static final int STAFF_CONCURRENCY = 5;

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
        // staff only, a handful of people: a small share, never the public API's
        sizing.put(FunctionSpec.EXPLORER_API, new FunctionSizing(apiMemoryMb, API_TIMEOUT, STAFF_CONCURRENCY));
        // server push: a connect or a subscribe frame is a few ms, and a client that cannot connect
        // retries; a consumer's share, so the push API cannot take the command API's executions
        var push = new FunctionSizing(apiMemoryMb, API_TIMEOUT, concurrency.streamConsumer());
        sizing.put(FunctionSpec.ORDERING_PUSH, push);
        sizing.put(FunctionSpec.ORDERING_PUSH_AUTHORIZER, push);
        sizing.put(FunctionSpec.ORDERING_PROJECTOR, streamConsumer);
        sizing.put(FunctionSpec.ORDERING_PUBLISHER, streamConsumer);
        sizing.put(FunctionSpec.SHIPPING_NOTIFICATIONS, queueConsumer);
        sizing.put(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER, streamConsumer);
        sizing.put(FunctionSpec.ACCOUNTS_PROJECTOR, streamConsumer);
        // deployed only with the time-based strategy; one run at a time, as the verifier
        sizing.put(
                FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS,
                new FunctionSizing(consumerMemoryMb, SCHEDULED_SNAPSHOTS_TIMEOUT, 1));
        // one run at a time: a slow run is never overlapped by the next schedule
        sizing.put(FunctionSpec.ORDERING_VERIFIER, new FunctionSizing(consumerMemoryMb, VERIFIER_TIMEOUT, 1));
        // the distributed rebuild's map runs at most this many children at once (its MaxConcurrency is
        // read from here): reserved, so a rebuild never takes the API's executions nor is throttled
        sizing.put(
                FunctionSpec.ORDERING_REBUILD_WORKER,
                new FunctionSizing(consumerMemoryMb, REBUILD_WORKER_TIMEOUT, concurrency.queueConsumer()));
        return sizing;
    }

    /**
     * Issuer and audience from context, required: a staging or prod API that would deploy with a
     * made-up issuer authenticates nobody, or, worse, someone else's tokens, so synthesis stops
     * here. Hosts under the reserved {@code .example}, {@code .invalid}, {@code .test} and
     * {@code localhost} names are refused too, so a copied placeholder cannot pass for a real one.
     */
    private static ApiAuthorization.Jwt jwt(ConfigInputs inputs, String env) {
        String issuer =
                inputs.contextValue(ConfigInputs.JWT_ISSUER).orElseThrow(() -> missingJwt(env, "no JWT issuer"));
        List<String> audience = inputs.contextValue(ConfigInputs.JWT_AUDIENCE)
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .filter(list -> !list.isEmpty())
                .orElseThrow(() -> missingJwt(env, "no JWT audience"));
        String host = URI.create(issuer).getHost();
        if (host == null
                || host.equals("localhost")
                || PLACEHOLDER_DOMAINS.stream()
                        .anyMatch(domain -> host.endsWith("." + domain) || host.equals(domain))) {
            throw missingJwt(env, "JWT issuer " + issuer + " is a placeholder");
        }
        return new ApiAuthorization.Jwt(issuer, audience);
    }

    /** Reserved names (RFC 2606, RFC 6761) that never host a real issuer. */
    private static final List<String> PLACEHOLDER_DOMAINS = List.of("example", "invalid", "test", "localhost");

    private static IllegalArgumentException missingJwt(String env, String problem) {
        return new IllegalArgumentException("environment '" + env + "' needs the real JWT issuer and audience of its "
                + "identity provider (" + problem + "): pass -c " + ConfigInputs.JWT_ISSUER + "=https://<issuer> -c "
                + ConfigInputs.JWT_AUDIENCE + "=<audience>[,<audience>...]");
    }

    /**
     * Dev synthesizes without an identity provider too: placeholders that authenticate nobody until
     * one is named (then it is checked like staging's and prod's).
     */
    private static ApiAuthorization.Jwt devJwt(ConfigInputs inputs) {
        return inputs.contextValue(ConfigInputs.JWT_ISSUER).isPresent()
                ? jwt(inputs, "dev")
                : new ApiAuthorization.Jwt(placeholderIssuer("dev"), placeholderAudience("dev"));
    }

    private static String placeholderIssuer(String env) {
        return "https://auth.eventline.example/" + env;
    }

    private static List<String> placeholderAudience(String env) {
        return List.of("eventline-" + env + "-api");
    }

    /**
     * The console's domain, certificate and web ACL from context: all three or none. Staging and
     * prod fail closed without them: the default {@code *.cloudfront.net} certificate still accepts
     * TLS 1.0 and no web ACL would stand in front of the console.
     */
    private static Optional<ConsoleDomain> consoleDomain(ConfigInputs inputs, String env, boolean required) {
        var domain = inputs.contextValue(ConfigInputs.CONSOLE_DOMAIN);
        var certificate = inputs.contextValue(ConfigInputs.CONSOLE_CERTIFICATE_ARN);
        var webAcl = inputs.contextValue(ConfigInputs.CONSOLE_WEB_ACL_ARN);
        if (domain.isPresent() && certificate.isPresent() && webAcl.isPresent()) {
            return Optional.of(new ConsoleDomain(domain.get(), certificate.get(), webAcl.get()));
        }
        if (!required && domain.isEmpty() && certificate.isEmpty() && webAcl.isEmpty()) {
            return Optional.empty();
        }
        throw new IllegalArgumentException(
                "environment '" + env + "' needs the console's domain, certificate and web ACL"
                        + (required ? "" : " together (or none of them)") + ": -c " + ConfigInputs.CONSOLE_DOMAIN
                        + "=console.example.com -c " + ConfigInputs.CONSOLE_CERTIFICATE_ARN
                        + "=arn:aws:acm:us-east-1:<account>:certificate/<id> -c " + ConfigInputs.CONSOLE_WEB_ACL_ARN
                        + "=arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>");
    }

    private static List<String> consoleCountries(ConfigInputs inputs) {
        return inputs.contextValue(ConfigInputs.CONSOLE_COUNTRIES)
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }
}
