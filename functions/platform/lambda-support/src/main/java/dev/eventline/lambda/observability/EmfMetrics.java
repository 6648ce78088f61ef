package dev.eventline.lambda.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.lambda.LambdaEnvironment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * CloudWatch metrics as Embedded Metric Format lines on stdout: Lambda ships stdout to CloudWatch
 * Logs, which extracts the metrics asynchronously, so recording costs no API call and no latency.
 *
 * <p>Usage: record during an invocation, {@link #flush()} once at its end (one JSON line per
 * dimension set). Every metric carries the {@code Service} dimension; a metric may add one more
 * (e.g. {@code ReadSource=events}). Counts are summed; other units keep each value (EMF accepts up
 * to 100 values per metric and line, so more are split over several lines).
 *
 * <p>Why not Powertools metrics 2.9.0: its {@code Metrics} is one process-wide instance from
 * {@code MetricsFactory} with a single namespace and mutable dimensions, which breaks when the local
 * runtime hosts several handlers in one JVM and when slices are processed in parallel; and its
 * aws-embedded-metrics backend detects the environment outside Lambda by probing for an agent on
 * TCP 25888. The format is small and documented, so it is written here, thread-safe and testable.
 *
 * <p>Configuration: {@code POWERTOOLS_METRICS_NAMESPACE} (default {@code Eventline}) and
 * {@code POWERTOOLS_SERVICE_NAME} (default the function name), the variables Powertools uses, so a
 * later switch needs no template change; {@code POWERTOOLS_METRICS_DISABLED=true} silences it.
 */
public final class EmfMetrics {
    public static final String SERVICE_DIMENSION = "Service";
    private static final int MAX_VALUES_PER_LINE = 100;

    /** The CloudWatch units used by Eventline. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        BYTES("Bytes"),
        NONE("None");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    private record Key(String name, Unit unit, String dimension, String dimensionValue) {}

    private final String namespace;
    private final String service;
    private final Consumer<String> sink;
    private final Clock clock;
    private final boolean enabled;
    private final Map<Key, List<Double>> pending = new LinkedHashMap<>();

    public EmfMetrics(String namespace, String service, Consumer<String> sink, Clock clock, boolean enabled) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.enabled = enabled;
    }

    /** Configured from the function's environment, writing to stdout. */
    public static EmfMetrics fromEnvironment(LambdaEnvironment env, Clock clock) {
        return new EmfMetrics(
                env.optional("POWERTOOLS_METRICS_NAMESPACE").orElse("Eventline"),
                serviceName(env),
                System.out::println,
                clock,
                !env.optional("POWERTOOLS_METRICS_DISABLED")
                        .map(Boolean::parseBoolean)
                        .orElse(false));
    }

    /** {@code POWERTOOLS_SERVICE_NAME}, else the Lambda function name, else {@code service_undefined} (Powertools' default). */
    public static String serviceName(LambdaEnvironment env) {
        return env.optional("POWERTOOLS_SERVICE_NAME")
                .or(() -> env.optional("AWS_LAMBDA_FUNCTION_NAME"))
                .orElse("service_undefined");
    }

    public String service() {
        return service;
    }

    public void count(String name, long count) {
        add(new Key(name, Unit.COUNT, null, null), count);
    }

    /** A count with one extra dimension, e.g. {@code count("Reads", 1, "ReadSource", "events")}. */
    public void count(String name, long count, String dimension, String dimensionValue) {
        add(
                new Key(name, Unit.COUNT, Objects.requireNonNull(dimension), Objects.requireNonNull(dimensionValue)),
                count);
    }

    public void milliseconds(String name, double value) {
        add(new Key(name, Unit.MILLISECONDS, null, null), value);
    }

    public void record(String name, double value, Unit unit) {
        add(new Key(name, unit, null, null), value);
    }

    private synchronized void add(Key key, double value) {
        List<Double> values = pending.computeIfAbsent(key, k -> new ArrayList<>());
        if (key.unit() == Unit.COUNT && !values.isEmpty()) {
            values.set(0, values.getFirst() + value);
        } else {
            values.add(value);
        }
    }

    /** Writes what was recorded since the last flush, one line per dimension set, and forgets it. */
    public void flush() {
        Map<Key, List<Double>> recorded;
        synchronized (this) {
            recorded = new LinkedHashMap<>(pending);
            pending.clear();
        }
        if (!enabled || recorded.isEmpty()) {
            return;
        }
        long timestamp = clock.millis();
        Map<List<String>, List<Map.Entry<Key, List<Double>>>> byDimensions = new LinkedHashMap<>();
        recorded.entrySet()
                .forEach(e -> byDimensions
                        .computeIfAbsent(dimensionsOf(e.getKey()), d -> new ArrayList<>())
                        .add(e));
        byDimensions.forEach((dimensions, metrics) -> writeLines(timestamp, metrics));
    }

    private static List<String> dimensionsOf(Key key) {
        return key.dimension() == null ? List.of() : List.of(key.dimension(), key.dimensionValue());
    }

    /** One line per chunk of at most 100 values per metric. */
    private void writeLines(long timestamp, List<Map.Entry<Key, List<Double>>> metrics) {
        int longest = metrics.stream().mapToInt(e -> e.getValue().size()).max().orElse(0);
        for (int from = 0; from < longest; from += MAX_VALUES_PER_LINE) {
            sink.accept(line(timestamp, metrics, from).toString());
        }
    }

    private ObjectNode line(long timestamp, List<Map.Entry<Key, List<Double>>> metrics, int from) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", timestamp);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode dimensionSet = directive.putArray("Dimensions").addArray().add(SERVICE_DIMENSION);
        ArrayNode definitions = directive.putArray("Metrics");
        root.put(SERVICE_DIMENSION, service);
        Key first = metrics.getFirst().getKey();
        if (first.dimension() != null) {
            dimensionSet.add(first.dimension());
            root.put(first.dimension(), first.dimensionValue());
        }
        for (Map.Entry<Key, List<Double>> metric : metrics) {
            List<Double> values = metric.getValue();
            if (from >= values.size()) {
                continue;
            }
            List<Double> chunk = values.subList(from, Math.min(values.size(), from + MAX_VALUES_PER_LINE));
            definitions
                    .addObject()
                    .put("Name", metric.getKey().name())
                    .put("Unit", metric.getKey().unit().cloudWatchName);
            if (chunk.size() == 1) {
                root.put(metric.getKey().name(), chunk.getFirst());
            } else {
                ArrayNode array = root.putArray(metric.getKey().name());
                chunk.forEach(array::add);
            }
        }
        return root;
    }
}
