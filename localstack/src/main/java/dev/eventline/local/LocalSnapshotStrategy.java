package dev.eventline.local;

import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts snapshot strategy of a local run. The templates are dev's, where the chaser writes
 * snapshots; {@code LOCAL_SNAPSHOT_STRATEGY=time} runs what {@code -c snapshotStrategy=time} deploys
 * instead: no chaser on the accounts stream, the accounts API told {@code SNAPSHOT_STRATEGY=time}, and
 * the snapshot-chaser jar's {@code ScheduledSnapshotsHandler} as function
 * {@code eventline-dev-accounts-scheduled-snapshots}, run by a {@link LocalSchedule} every
 * {@code LOCAL_SNAPSHOT_SCHEDULE_SECONDS} (default 60; deployed, minutes).
 */
public final class LocalSnapshotStrategy {
    public static final String STRATEGY_VARIABLE = "LOCAL_SNAPSHOT_STRATEGY";
    public static final String INTERVAL_VARIABLE = "LOCAL_SNAPSHOT_SCHEDULE_SECONDS";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    static final String CHASER_HANDLER = "dev.eventline.accounts.snapshots.SnapshotChaserHandler";
    static final String SCHEDULED_HANDLER = "dev.eventline.accounts.snapshots.ScheduledSnapshotsHandler";
    static final String API_HANDLER = "dev.eventline.accounts.api.AccountsApiHandler";
    /** The deployed window reaches this far past the interval: a late run misses nothing. */
    static final Duration WINDOW_OVERLAP = Duration.ofMinutes(5);

    private LocalSnapshotStrategy() {}

    /**
     * The schedule's interval when the local run selects {@code time}; empty for the templates' own
     * strategy ({@code chaser}, or the variable unset).
     *
     * @throws IllegalArgumentException for a strategy the local stack does not run, or an interval below one second
     */
    public static Optional<Duration> timeBased(Map<String, String> env) {
        String strategy = env.getOrDefault(STRATEGY_VARIABLE, "chaser").strip();
        return switch (strategy) {
            case "", "chaser" -> Optional.empty();
            case "time" -> {
                Duration every = Optional.ofNullable(env.get(INTERVAL_VARIABLE))
                        .map(String::strip)
                        .map(Long::parseLong)
                        .map(Duration::ofSeconds)
                        .orElse(DEFAULT_INTERVAL);
                if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new IllegalArgumentException(INTERVAL_VARIABLE + " must be at least 1, was " + every);
                }
                yield Optional.of(every);
            }
            default ->
                throw new IllegalArgumentException(
                        STRATEGY_VARIABLE + "=" + strategy + " is not run locally: use chaser (the default) or time");
        };
    }

    /** The function the schedule runs: named as deployed, beside the chaser it replaces. */
    static String scheduledFunctionName(Topology topology) {
        return prefix(topology) + "accounts-scheduled-snapshots";
    }

    /** The name of the rule deployed with {@code time}. */
    static String ruleName(Topology topology) {
        return prefix(topology) + "accounts-snapshot-schedule";
    }

    /** {@code eventline-dev-}: what the accounts API's name has before its service name. */
    private static String prefix(Topology topology) {
        String api = topology.functions().stream()
                .filter(function -> function.handlerClass().equals(API_HANDLER))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the templates deploy no accounts API"))
                .functionName();
        return api.substring(0, api.length() - "accounts-api".length());
    }

    /** {@code resources} with the time-based strategy in place of the chaser, its window {@code every} + 5 min. */
    public static LocalResources withTimeBased(LocalResources resources, Duration every) {
        Topology real = resources.topology();
        FunctionSpec chaser = chaser(real);
        List<FunctionSpec> functions = new ArrayList<>();
        for (FunctionSpec function : real.functions()) {
            if (function == chaser) {
                continue;
            }
            if (function.handlerClass().equals(API_HANDLER)) {
                Map<String, String> variables = new LinkedHashMap<>(function.environment());
                variables.put("SNAPSHOT_STRATEGY", "time");
                functions.add(
                        new FunctionSpec(function.logicalId(), function.functionName(), function.handler(), variables));
            } else {
                functions.add(function);
            }
        }
        Map<String, String> variables = new LinkedHashMap<>(chaser.environment());
        // the chaser's own settings: the scheduled run parks nothing and snapshots any active stream
        List.of("DEAD_LETTER_QUEUE", "MAX_RECORD_ATTEMPTS", "SNAPSHOT_THRESHOLD", "ACCOUNTS_SNAPSHOTS_TABLE")
                .forEach(variables::remove);
        variables.put("POWERTOOLS_SERVICE_NAME", "accounts-scheduled-snapshots");
        long windowMinutes = (every.plus(WINDOW_OVERLAP).toSeconds() + 59) / 60;
        variables.put("SNAPSHOT_SCHEDULE_WINDOW_MINUTES", Long.toString(windowMinutes));
        functions.add(new FunctionSpec(
                "AccountsScheduledSnapshots",
                scheduledFunctionName(real),
                SCHEDULED_HANDLER + "::handleRequest",
                variables));
        var topology = new Topology(
                real.tables(),
                real.queues(),
                real.buses(),
                real.rules(),
                functions,
                real.mappings().stream()
                        .filter(mapping -> !mapping.functionName().equals(chaser.functionName()))
                        .toList(),
                real.routes(),
                real.keyAliases());
        return new LocalResources(
                topology, resources.streamArnByTable(), resources.queueUrlByName(), resources.queueArnByName());
    }

    private static FunctionSpec chaser(Topology topology) {
        return topology.functions().stream()
                .filter(function -> function.handlerClass().equals(CHASER_HANDLER))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the templates deploy no snapshot chaser: export them with the default strategy"));
    }
}
