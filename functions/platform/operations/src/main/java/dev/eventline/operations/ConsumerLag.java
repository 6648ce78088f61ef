package dev.eventline.operations;

import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.eventstore.format.EventItemFormat;
import dev.eventline.operations.LagView.StreamLag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@code lag}: each stream consumer's checkpoint against the head of every stream of its context.
 * The checkpoint is what the consumer itself trusts (the order summary's version, the publisher's
 * checkpoints table), so this is the lag that matters, not Lambda's iterator age: a stream held by a
 * parked event shows here however long ago it happened.
 *
 * <p>Cost: a Scan of each events table (three attributes), a BatchGetItem per 100 streams on each
 * checkpoint table, and a GetItem per stream behind (the first missing event's time), capped.
 */
public final class ConsumerLag {
    /** Streams listed per consumer, furthest behind first. */
    public static final int WORST = 20;
    /** Events scanned per context at most unless asked otherwise. */
    public static final long DEFAULT_MAX_SCANNED = 1_000_000;
    /** The largest cap a caller may ask for. */
    public static final long MAX_SCANNED = 50_000_000;

    private static final int BATCH_GET = 100;
    private static final int AGES_READ = 1_000;

    private final DynamoDbClient dynamoDb;
    private final Resources resources;
    private final Clock clock;

    public ConsumerLag(DynamoDbClient dynamoDb, Resources resources, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * Every consumer that keeps a checkpoint.
     *
     * @param maxScanned events scanned per context at most (capped at {@link #MAX_SCANNED})
     * @param scanned    told of each page's item count (progress)
     */
    public List<LagView> all(long maxScanned, LongConsumer scanned) {
        long cap = Math.max(1, Math.min(maxScanned, MAX_SCANNED));
        List<LagView> views = new ArrayList<>();
        for (Resources.EventContext context : resources.contexts()) {
            List<Resources.Consumer> consumers = resources.consumers().stream()
                    .filter(c ->
                            c.context().equals(context.name()) && c.checkpoint().isPresent())
                    .toList();
            if (consumers.isEmpty()) {
                continue;
            }
            Heads heads = heads(context.eventsTable(), cap, scanned);
            for (Resources.Consumer consumer : consumers) {
                views.add(lag(consumer, context, heads));
            }
        }
        return views;
    }

    /** One stream, for every consumer of its context that keeps a checkpoint. */
    public List<StreamLag> stream(String streamId) {
        Resources.EventContext context = resources
                .contextOfStream(streamId)
                .orElseThrow(() -> new NotFoundException("no context owns stream " + streamId));
        long head = new StreamInspector(dynamoDb, resources).head(context.eventsTable(), streamId);
        if (head == 0) {
            throw new NotFoundException("no stream " + streamId + " in " + context.eventsTable());
        }
        List<StreamLag> lags = new ArrayList<>();
        for (Resources.Consumer consumer : resources.consumers()) {
            if (!consumer.context().equals(context.name())
                    || consumer.checkpoint().isEmpty()) {
                continue;
            }
            long checkpoint =
                    checkpoints(consumer.checkpoint().get(), List.of(streamId)).getOrDefault(streamId, 0L);
            lags.add(streamLag(consumer, context, streamId, checkpoint, head));
        }
        return lags;
    }

    private record Heads(Map<String, Long> versions, boolean complete) {}

    private Heads heads(String eventsTable, long cap, LongConsumer scanned) {
        Map<String, Long> heads = new HashMap<>();
        Map<String, AttributeValue> startKey = null;
        long total = 0;
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            ScanResponse page = dynamoDb.scan(b -> b.tableName(eventsTable)
                    .projectionExpression("streamId, version")
                    .exclusiveStartKey(exclusiveStart));
            total += page.scannedCount();
            scanned.accept(page.scannedCount());
            for (var item : page.items()) {
                heads.merge(item.get("streamId").s(), EventItem.eventPosition(item), Math::max);
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && total < cap);
        return new Heads(heads, startKey == null);
    }

    private LagView lag(Resources.Consumer consumer, Resources.EventContext context, Heads heads) {
        Map<String, Long> checkpoints = checkpoints(
                consumer.checkpoint().orElseThrow(),
                List.copyOf(heads.versions().keySet()));
        List<StreamLag> behind = new ArrayList<>();
        long eventsBehind = 0;
        for (var head : heads.versions().entrySet()) {
            long checkpoint = checkpoints.getOrDefault(head.getKey(), 0L);
            if (checkpoint < head.getValue()) {
                eventsBehind += head.getValue() - checkpoint;
                behind.add(new StreamLag(
                        consumer.function(),
                        head.getKey(),
                        checkpoint,
                        head.getValue(),
                        head.getValue() - checkpoint,
                        null,
                        0));
            }
        }
        behind.sort(Comparator.comparingLong(StreamLag::behind).reversed().thenComparing(StreamLag::streamId));
        // the age needs one read per stream: the furthest behind first, bounded
        List<StreamLag> aged = behind.stream()
                .limit(AGES_READ)
                .map(s -> streamLag(consumer, context, s.streamId(), s.checkpoint(), s.head()))
                .toList();
        Optional<StreamLag> oldest = aged.stream()
                .filter(s -> s.firstUnprocessed() != null)
                .min(Comparator.comparing(StreamLag::firstUnprocessed));
        return new LagView(
                consumer.function(),
                context.name(),
                heads.versions().size(),
                behind.size(),
                eventsBehind,
                oldest.map(StreamLag::firstUnprocessed).orElse(null),
                oldest.map(StreamLag::ageMs).orElse(0L),
                heads.complete(),
                aged.stream()
                        .sorted(Comparator.comparingLong(StreamLag::ageMs).reversed())
                        .limit(WORST)
                        .toList());
    }

    private StreamLag streamLag(
            Resources.Consumer consumer, Resources.EventContext context, String streamId, long checkpoint, long head) {
        if (checkpoint >= head) {
            return new StreamLag(consumer.function(), streamId, checkpoint, head, 0, null, 0);
        }
        var item = dynamoDb.getItem(b -> b.tableName(context.eventsTable())
                        .key(Map.of(
                                "streamId", AttributeValue.fromS(streamId),
                                "version", AttributeValue.fromN(Long.toString(checkpoint + 1))))
                        .projectionExpression("#w, #iso")
                        .expressionAttributeNames(
                                Map.of("#w", EventItemFormat.RECORDED_AT, "#iso", EventItemFormat.LEGACY_RECORDED_AT)))
                .item();
        Instant recordedAt = item == null || item.isEmpty() ? null : EventItem.recordedAt(item);
        long age = recordedAt == null
                ? 0
                : Math.max(0, Duration.between(recordedAt, clock.instant()).toMillis());
        return new StreamLag(consumer.function(), streamId, checkpoint, head, head - checkpoint, recordedAt, age);
    }

    /** The checkpoints of these streams (absent: none yet), BatchGetItem by 100, unprocessed keys retried. */
    private Map<String, Long> checkpoints(Resources.Checkpoint at, List<String> streamIds) {
        Map<String, String> streamByKey = new HashMap<>();
        for (String streamId : streamIds) {
            at.keyOf(streamId).ifPresent(key -> streamByKey.put(key, streamId));
        }
        List<String> keys = List.copyOf(streamByKey.keySet());
        Map<String, Long> versions = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET) {
            List<Map<String, AttributeValue>> batch =
                    keys.subList(from, Math.min(keys.size(), from + BATCH_GET)).stream()
                            .map(k -> Map.of(at.keyAttribute(), AttributeValue.fromS(k)))
                            .toList();
            Map<String, KeysAndAttributes> request = Map.of(
                    at.table(),
                    KeysAndAttributes.builder()
                            .keys(batch)
                            .projectionExpression("#k, #v")
                            .expressionAttributeNames(Map.of("#k", at.keyAttribute(), "#v", at.versionAttribute()))
                            .build());
            int rounds = 0;
            while (!request.isEmpty()) {
                if (++rounds > 20) {
                    throw new IllegalStateException("DynamoDB keeps returning unprocessed keys for " + at.table());
                }
                Map<String, KeysAndAttributes> asked = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                for (var item : response.responses().getOrDefault(at.table(), List.of())) {
                    if (item.containsKey(at.versionAttribute())) {
                        versions.put(
                                streamByKey.get(item.get(at.keyAttribute()).s()),
                                Long.parseLong(item.get(at.versionAttribute()).n()));
                    }
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return versions;
    }
}
