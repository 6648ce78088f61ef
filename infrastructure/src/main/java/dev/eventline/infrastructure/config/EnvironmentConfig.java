package dev.eventline.infrastructure.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Everything that differs between {@code dev}, {@code staging} and {@code prod}, in one typed
 * record. The values live in {@link EnvironmentPresets}; nothing else in the infrastructure code
 * carries an environment-dependent literal.
 *
 * @param name               {@code dev}, {@code staging} or {@code prod}
 * @param target             account and region, when known at synth time
 * @param functions          memory and timeout of each function
 * @param logLevel           {@code POWERTOOLS_LOG_LEVEL}
 * @param logRetention       retention of every Lambda and access log group
 * @param alarms             alarm thresholds
 * @param removalPolicy      DESTROY in dev, RETAIN elsewhere (tables, queues, logs, keys)
 * @param deletionProtection DynamoDB deletion protection (off in dev)
 * @param archiveRetention   how long the event bus archive keeps events
 * @param streams            settings of every DynamoDB stream event source mapping
 * @param queues             SQS consumers, redrive and dead-letter retention
 * @param throttling         default stage throttling of the HTTP API
 * @param authorization      how the HTTP API authenticates callers
 * @param snapshotThreshold  events between two account snapshots
 * @param customerManagedKeys one customer-managed KMS key per context (rotation on) for its tables,
 *                           queues and log groups, and one for the bus archive; AWS-managed keys otherwise
 * @param console            how the event console is served (CloudFront price class, custom domain)
 * @param verification       the scheduled consistency verifier: how often, how many streams, whether it repairs
 * @param snapshotting       who writes account snapshots ({@code SNAPSHOT_STRATEGY}) and, for the time-based
 *                           strategy, how often its schedule runs
 */
public record EnvironmentConfig(
        String name,
        DeploymentTarget target,
        Map<FunctionSpec, FunctionSizing> functions,
        String logLevel,
        RetentionDays logRetention,
        AlarmThresholds alarms,
        RemovalPolicy removalPolicy,
        boolean deletionProtection,
        Duration archiveRetention,
        StreamConsumption streams,
        QueueConsumption queues,
        ApiThrottling throttling,
        ApiAuthorization authorization,
        int snapshotThreshold,
        boolean customerManagedKeys,
        ConsoleEdge console,
        ConsistencyVerification verification,
        Snapshotting snapshotting) {

    public EnvironmentConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        functions = Collections.unmodifiableMap(new EnumMap<>(functions));
        for (FunctionSpec spec : FunctionSpec.values()) {
            if (!functions.containsKey(spec)) {
                throw new IllegalArgumentException("environment '" + name + "' has no sizing for function " + spec);
            }
        }
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(removalPolicy, "removalPolicy");
        Objects.requireNonNull(archiveRetention, "archiveRetention");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(throttling, "throttling");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(snapshotting, "snapshotting");
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold must be >= 1, was " + snapshotThreshold);
        }
        Objects.requireNonNull(console, "console");
    }

    public FunctionSizing sizing(FunctionSpec spec) {
        return functions.get(spec);
    }

    /**
     * The functions this environment deploys: every one sized, except the snapshot writer of a strategy
     * not chosen (the chaser only with {@code chaser}, the scheduled snapshots only with {@code time}).
     */
    public List<FunctionSpec> deployedFunctions() {
        return Arrays.stream(FunctionSpec.values())
                .filter(spec -> switch (spec) {
                    case ACCOUNTS_SNAPSHOT_CHASER -> snapshotting.strategy() == SnapshotStrategy.CHASER;
                    case ACCOUNTS_SCHEDULED_SNAPSHOTS -> snapshotting.strategy() == SnapshotStrategy.TIME;
                    default -> true;
                })
                .toList();
    }

    /** The same environment with another snapshot strategy or schedule (a deploy-time override). */
    public EnvironmentConfig withSnapshotting(Snapshotting snapshotting) {
        return new EnvironmentConfig(
                name,
                target,
                functions,
                logLevel,
                logRetention,
                alarms,
                removalPolicy,
                deletionProtection,
                archiveRetention,
                streams,
                queues,
                throttling,
                authorization,
                snapshotThreshold,
                customerManagedKeys,
                console,
                verification,
                snapshotting);
    }

    /** {@code Eventline/<env>}: the namespace of every custom metric. */
    public String metricsNamespace() {
        return "Eventline/" + name;
    }

    /**
     * The scheduled consistency verifier of the ordering read models: how often it runs, how many
     * streams it folds per run (0: every stream, a full scan of the events table), and whether it
     * rewrites what differs (off in prod: a repair there follows an operator's look).
     */
    public record ConsistencyVerification(Duration every, long sample, boolean repair) {
        public ConsistencyVerification {
            Objects.requireNonNull(every, "every");
            if (every.compareTo(Duration.ofMinutes(15)) < 0) {
                throw new IllegalArgumentException("verify at most every 15 minutes, was " + every);
            }
            if (sample < 0 || sample > 10_000_000) {
                throw new IllegalArgumentException("sample must be within 0..10000000, was " + sample);
            }
        }
    }

    /** Who writes account snapshots: the value of {@code SNAPSHOT_STRATEGY} (docs/snapshots.md). */
    public enum SnapshotStrategy {
        /** The command path, every {@code snapshotThreshold} events. */
        COUNT,
        /** The command path, after milestone events. */
        EVENT,
        /** The snapshot chaser on the events table's stream. */
        CHASER,
        /** An EventBridge schedule snapshots the streams active since its previous run. */
        TIME;

        /** {@code count}, {@code event}, {@code chaser} or {@code time}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static SnapshotStrategy of(String value) {
            for (SnapshotStrategy strategy : values()) {
                if (strategy.value().equals(value)) {
                    return strategy;
                }
            }
            throw new IllegalArgumentException(
                    "unknown snapshot strategy '" + value + "': use count|event|chaser|time");
        }
    }

    /**
     * @param strategy who writes account snapshots
     * @param every    the rate of the time-based strategy's schedule (used only when {@code strategy} is
     *                 {@link SnapshotStrategy#TIME}); each run scans the accounts events table, so not
     *                 more often than every 5 minutes; at most every 4 hours, so that the liveness alarm
     *                 (two intervals per period, up to 3 periods) stays within CloudWatch's one day
     */
    public record Snapshotting(SnapshotStrategy strategy, Duration every) {
        /** How far a run's window reaches back beyond its interval, so a late or retried run misses nothing. */
        public static final Duration WINDOW_OVERLAP = Duration.ofMinutes(5);

        public Snapshotting {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(every, "every");
            if (every.toSeconds() % 60 != 0
                    || every.compareTo(Duration.ofMinutes(5)) < 0
                    || every.compareTo(Duration.ofHours(4)) > 0) {
                throw new IllegalArgumentException(
                        "the snapshot schedule must run every 5 minutes..4 hours, in whole minutes, was " + every);
            }
        }

        /** {@code SNAPSHOT_SCHEDULE_WINDOW_MINUTES}: the interval plus {@link #WINDOW_OVERLAP}. */
        public long windowMinutes() {
            return every.plus(WINDOW_OVERLAP).toMinutes();
        }
    }

    /** Account and region; either may be absent, then the stacks are environment-agnostic. */
    public record DeploymentTarget(String account, String region) {
        public static DeploymentTarget agnostic() {
            return new DeploymentTarget(null, null);
        }

        public Optional<Environment> toCdkEnvironment() {
            if (account == null && region == null) {
                return Optional.empty();
            }
            return Optional.of(
                    Environment.builder().account(account).region(region).build());
        }
    }

    /**
     * Memory (MB), timeout and reserved concurrency of one function. Reserving concurrency for every
     * function is what keeps a stream backlog or a rebuild from taking the account's concurrency away
     * from the command API (and caps what a runaway consumer can cost).
     *
     * @param reservedConcurrency concurrent executions set aside for the function, and its ceiling
     */
    public record FunctionSizing(int memoryMb, Duration timeout, int reservedConcurrency) {
        public FunctionSizing {
            if (memoryMb < 128 || memoryMb > 10_240) {
                throw new IllegalArgumentException("memoryMb must be within 128..10240, was " + memoryMb);
            }
            Objects.requireNonNull(timeout, "timeout");
            if (reservedConcurrency < 1 || reservedConcurrency > 1_000) {
                throw new IllegalArgumentException(
                        "reservedConcurrency must be within 1..1000, was " + reservedConcurrency);
            }
        }
    }

    /**
     * @param iteratorAgeMs     stream consumer lag (IteratorAge, Maximum) that raises an alarm
     * @param api5xxRate        share of API requests answered 5xx that raises an alarm (0..1)
     * @param functionErrors    Lambda Errors (Sum per period) above which an alarm fires
     * @param functionThrottles Lambda Throttles (Sum per period) above which an alarm fires
     * @param publishFailures   PublishFailures (Sum per period) above which an alarm fires
     * @param period            the period every alarm evaluates
     * @param evaluationPeriods periods that must breach before an alarm fires
     * @param readModelLagMs    how far a read model may stay behind its stream (ProjectionLagMs, Maximum)
     */
    public record AlarmThresholds(
            long iteratorAgeMs,
            double api5xxRate,
            int functionErrors,
            int functionThrottles,
            int publishFailures,
            Duration period,
            int evaluationPeriods,
            long readModelLagMs) {
        public AlarmThresholds {
            if (api5xxRate <= 0 || api5xxRate >= 1) {
                throw new IllegalArgumentException("api5xxRate must be within (0, 1), was " + api5xxRate);
            }
            Objects.requireNonNull(period, "period");
            if (readModelLagMs < 1) {
                throw new IllegalArgumentException("readModelLagMs must be >= 1, was " + readModelLagMs);
            }
        }
    }

    /** Settings of a DynamoDB stream event source mapping. */
    public record StreamConsumption(
            int batchSize,
            Duration batchingWindow,
            int retryAttempts,
            Duration maxRecordAge,
            int parallelizationFactor) {
        public StreamConsumption {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize must be within 1..10000, was " + batchSize);
            }
            if (parallelizationFactor < 1 || parallelizationFactor > 10) {
                throw new IllegalArgumentException(
                        "parallelizationFactor must be within 1..10, was " + parallelizationFactor);
            }
            if (retryAttempts < 0 || retryAttempts > 10_000) {
                throw new IllegalArgumentException(
                        "retryAttempts must be within 0..10000 (never infinite), was " + retryAttempts);
            }
            Objects.requireNonNull(batchingWindow, "batchingWindow");
            if (batchingWindow.toMillis() % 1000 != 0 || batchingWindow.toSeconds() > 300) {
                throw new IllegalArgumentException(
                        "batchingWindow must be whole seconds within 0..300, was " + batchingWindow);
            }
            Objects.requireNonNull(maxRecordAge, "maxRecordAge");
            if (maxRecordAge.toSeconds() < 60 || maxRecordAge.toSeconds() > 604_800) {
                throw new IllegalArgumentException("maxRecordAge must be within 60 s..7 days, was " + maxRecordAge);
            }
        }
    }

    /**
     * @param batchSize               SQS event source batch size
     * @param maxReceiveCount         receives before a message moves to the queue's DLQ
     * @param visibilityTimeoutFactor queue visibility timeout = factor x consumer function timeout
     * @param deadLetterRetention     how long every dead-letter queue keeps messages
     * @param maxConcurrency          concurrent invocations the SQS event source starts at most (2..1000);
     *                                the consumer's reserved concurrency must be at least this
     */
    public record QueueConsumption(
            int batchSize,
            int maxReceiveCount,
            int visibilityTimeoutFactor,
            Duration deadLetterRetention,
            int maxConcurrency) {
        public QueueConsumption {
            if (maxConcurrency < 2 || maxConcurrency > 1_000) {
                throw new IllegalArgumentException("maxConcurrency must be within 2..1000, was " + maxConcurrency);
            }
            if (visibilityTimeoutFactor < 6) {
                throw new IllegalArgumentException(
                        "visibilityTimeoutFactor must be >= 6 (AWS guidance), was " + visibilityTimeoutFactor);
            }
            Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
        }
    }

    /**
     * Stage throttling of the HTTP API, and tighter limits for single routes keyed by route key
     * ({@code "GET /orders/{orderId}"}): routes that can hold a function waiting, or that destroy data,
     * get a share of the stage's budget so a burst on them cannot starve the rest.
     */
    public record ApiThrottling(double rateLimit, int burstLimit, Map<String, RouteLimit> routes) {
        public ApiThrottling(double rateLimit, int burstLimit) {
            this(rateLimit, burstLimit, Map.of());
        }

        public ApiThrottling {
            // sorted: the synthesized template must not depend on hash order
            routes = Collections.unmodifiableMap(new TreeMap<>(routes));
            routes.forEach((routeKey, limit) -> {
                if (limit.rateLimit() > rateLimit || limit.burstLimit() > burstLimit) {
                    throw new IllegalArgumentException("the limit of " + routeKey + " (" + limit
                            + ") must not exceed the stage's (" + rateLimit + "/" + burstLimit + ")");
                }
            });
        }

        /** The same stage limits, with {@code limit} on {@code routeKey}. */
        public ApiThrottling withRoute(String routeKey, RouteLimit limit) {
            var more = new TreeMap<>(routes);
            more.put(routeKey, limit);
            return new ApiThrottling(rateLimit, burstLimit, more);
        }
    }

    /** Steady-state requests per second and burst of one route. */
    public record RouteLimit(double rateLimit, int burstLimit) {
        public RouteLimit {
            if (rateLimit <= 0 || burstLimit <= 0) {
                throw new IllegalArgumentException(
                        "route limits must be positive, were " + rateLimit + "/" + burstLimit);
            }
        }
    }

    /** How the HTTP API authenticates callers. */
    public sealed interface ApiAuthorization permits ApiAuthorization.Iam, ApiAuthorization.Jwt {
        /** SigV4-signed requests, authorised by IAM. */
        record Iam() implements ApiAuthorization {}

        /** Bearer JWTs from {@code issuer} carrying one of {@code audience}. */
        record Jwt(String issuer, List<String> audience) implements ApiAuthorization {
            public Jwt {
                Objects.requireNonNull(issuer, "issuer");
                if (!issuer.startsWith("https://")) {
                    throw new IllegalArgumentException("JWT issuer must be an https URL, was " + issuer);
                }
                audience = List.copyOf(audience);
                if (audience.isEmpty()) {
                    throw new IllegalArgumentException("JWT audience must not be empty");
                }
            }
        }
    }

    /**
     * The CloudFront distribution of the event console.
     *
     * @param priceClass edge locations paid for
     * @param domain     custom domain, its certificate and web ACL; absent only in dev, where the
     *                   distribution answers on its {@code *.cloudfront.net} name
     * @param countries  ISO 3166-1 alpha-2 codes the console is served to; empty: everywhere
     * @param accessLogDays how long the console's S3 and CloudFront access logs are kept
     */
    public record ConsoleEdge(
            PriceClass priceClass, Optional<ConsoleDomain> domain, List<String> countries, int accessLogDays) {
        /** CloudFront's cheapest price class, no custom domain, no geo restriction, a week of access logs. */
        public static final ConsoleEdge DEFAULT =
                new ConsoleEdge(PriceClass.PRICE_CLASS_100, Optional.empty(), List.of(), 7);

        public ConsoleEdge {
            if (accessLogDays < 1) {
                throw new IllegalArgumentException("accessLogDays must be >= 1, was " + accessLogDays);
            }
            Objects.requireNonNull(priceClass, "priceClass");
            Objects.requireNonNull(domain, "domain");
            countries = List.copyOf(countries);
            for (String country : countries) {
                if (!country.matches("[A-Z]{2}")) {
                    throw new IllegalArgumentException(
                            "console country must be an ISO 3166-1 alpha-2 code, was " + country);
                }
            }
        }
    }

    /**
     * @param domainName     e.g. {@code console.eventline.example}
     * @param certificateArn ACM certificate for {@code domainName}, in us-east-1 (CloudFront's region)
     * @param webAclArn      WAFv2 web ACL of scope CLOUDFRONT (created in us-east-1)
     */
    public record ConsoleDomain(String domainName, String certificateArn, String webAclArn) {
        public ConsoleDomain {
            Objects.requireNonNull(domainName, "domainName");
            if (domainName.contains("/") || domainName.contains(":") || !domainName.contains(".")) {
                throw new IllegalArgumentException("console domain must be a host name, was " + domainName);
            }
            if (!certificateArn.startsWith("arn:aws:acm:us-east-1:")) {
                throw new IllegalArgumentException(
                        "console certificate must be an ACM certificate in us-east-1 (CloudFront), was "
                                + certificateArn);
            }
            if (!webAclArn.startsWith("arn:aws:wafv2:us-east-1:") || !webAclArn.contains(":global/webacl/")) {
                throw new IllegalArgumentException(
                        "console web ACL must be a WAFv2 web ACL of scope CLOUDFRONT (us-east-1, global), was "
                                + webAclArn);
            }
        }
    }
}
