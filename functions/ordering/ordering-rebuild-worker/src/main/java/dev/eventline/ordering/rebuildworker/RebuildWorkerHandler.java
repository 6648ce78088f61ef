package dev.eventline.ordering.rebuildworker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.ExportFileRebuild;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The worker of the distributed rebuild: a child of the Step Functions Distributed Map whose item
 * reader lists the data files of a DynamoDB export of the events table. Each invocation folds the
 * streams named by its files into the target generation ({@link ExportFileRebuild}).
 *
 * <p>Two input shapes: one file {@code {"bucket","key","targetGeneration"}} (the CLI, a retry by
 * hand), or a batch as the map's ItemBatcher sends it: {@code {"Items":[{"Key":…},…],
 * "BatchInput":{"bucket","targetGeneration"}}}. A bad input, a failed read or write, and streams
 * whose fold stopped are all thrown: the map tolerates no failed child, so the execution fails, its
 * alarm fires and the CLI does not switch the generation pointer to an incomplete generation. The
 * files already folded are folded again by the next run: the writes are version-conditioned,
 * idempotent.
 */
public final class RebuildWorkerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public static final String FILES = "ExportFilesRebuilt";
    public static final String STREAMS = "StreamsRebuilt";
    public static final String UNFOLDABLE = "UnfoldableStreams";
    /** Files per invocation: the map's batch size is ours to choose, a larger one is a mistake. */
    static final int MAX_FILES = 50;

    private final ExportFileRebuild rebuild;
    private final Observability observability;

    /** The Lambda runtime's constructor. */
    public RebuildWorkerHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** The local runtime's constructor (same wiring, the environment given). */
    public RebuildWorkerHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    public RebuildWorkerHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        this(env, clients, Observability.fromEnvironment(env, clock), clock);
    }

    RebuildWorkerHandler(LambdaEnvironment env, AwsClients clients, Observability observability, Clock clock) {
        this.observability = observability;
        // an emulator serves buckets by path, not by host name
        S3Client s3 = clients.build(S3Client.builder()
                .forcePathStyle(env.optional("AWS_ENDPOINT_URL").isPresent()));
        this.rebuild = new ExportFileRebuild(
                clients.dynamoDb(),
                s3,
                env.require("EVENTS_TABLE"),
                new GenerationPointers(clients.dynamoDb(), ReadModelTables.fromEnvironment(env), clock),
                clock);
    }

    /** What one invocation folds: the bucket, its files, the generation. */
    record Work(String bucket, List<String> keys, long generation) {}

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Work work = parse(input);
        long items = 0;
        long streams = 0;
        long events = 0;
        List<String> unfoldable = new ArrayList<>();
        for (String key : work.keys()) {
            ExportFileRebuild.FileOutcome file = rebuild.rebuild(work.bucket(), key, work.generation());
            items += file.itemsRead();
            streams += file.streams();
            events += file.events();
            unfoldable.addAll(file.unfoldable());
        }
        EmfMetrics metrics = observability.metrics();
        metrics.count(FILES, work.keys().size());
        metrics.count(STREAMS, streams);
        metrics.count(UNFOLDABLE, unfoldable.size());
        metrics.flush();

        var summary = new LinkedHashMap<String, Object>();
        summary.put("generation", work.generation());
        summary.put("files", work.keys().size());
        summary.put("itemsRead", items);
        summary.put("streams", streams);
        summary.put("events", events);
        summary.put("unfoldable", unfoldable.size());
        observability.log().info("export files rebuilt", summary);
        if (!unfoldable.isEmpty()) {
            // stream ids only (an order's id), never the events' content
            throw new IllegalStateException(unfoldable.size() + " streams of generation " + work.generation()
                    + " could not be folded: " + unfoldable);
        }
        return summary;
    }

    static Work parse(Map<String, Object> input) {
        if (input == null) {
            throw new IllegalArgumentException("the worker's input is {bucket, key, targetGeneration} or a batch");
        }
        if (input.get("Items") instanceof List<?> items) {
            if (!(input.get("BatchInput") instanceof Map<?, ?> batch)) {
                throw new IllegalArgumentException("a batch carries BatchInput {bucket, targetGeneration}");
            }
            if (items.isEmpty() || items.size() > MAX_FILES) {
                throw new IllegalArgumentException("a batch holds 1 to " + MAX_FILES + " files, was " + items.size());
            }
            List<String> keys = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> listed) || !(listed.get("Key") instanceof String key)) {
                    throw new IllegalArgumentException("a batch item is an S3 listing entry {Key, …}, was " + item);
                }
                keys.add(key);
            }
            return new Work(text(batch, "bucket"), keys, generation(batch));
        }
        return new Work(text(input, "bucket"), List.of(text(input, "key")), generation(input));
    }

    private static String text(Map<?, ?> map, String name) {
        if (map.get(name) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw new IllegalArgumentException("the worker's input needs a non-empty " + name);
    }

    private static long generation(Map<?, ?> map) {
        Object value = map.get("targetGeneration");
        long generation;
        try {
            generation = switch (value) {
                case Number number -> number.longValue();
                case String text -> Long.parseLong(text);
                case null -> throw new IllegalArgumentException("the worker's input needs targetGeneration");
                default -> throw new IllegalArgumentException("targetGeneration is a number, was " + value);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("targetGeneration is a number, was " + value, e);
        }
        if (generation < 1) {
            throw new IllegalArgumentException("targetGeneration is at least 1, was " + generation);
        }
        return generation;
    }
}
