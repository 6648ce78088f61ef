package dev.eventline.ordering.rebuild;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A uniformly random sample of a category's streams, without scanning the whole events table.
 *
 * <p>The table is cut into {@code T} Scan segments (DynamoDB's parallel-scan segments are ranges of
 * the partition key's hash, so which segment a stream falls in has nothing to do with its id, age or
 * content); {@code T} is sized from DescribeTable's item count so a segment holds about
 * {@value #ITEMS_PER_SEGMENT} event items, at most {@value #MAX_SEGMENTS} segments. Segments are
 * scanned whole, in a random order, until they hold at least {@code n} streams (their version-1
 * items); then {@code n} are drawn uniformly from those found. Every stream has the same chance to be
 * checked (up to the segments' sizes differing, which hashing keeps small), and two runs look at
 * different streams, unlike the first {@code n} of a scan, which are the same while the table does not
 * change.
 *
 * <p>Cost: the segments scanned are read whole (a Scan is billed for every item read, the filter only
 * keeps the response small), about {@code n × events per stream} items rounded up to whole segments,
 * i.e. roughly the fraction {@code n / streams} of a full scan plus one segment; the folds then cost 1
 * consistent Query and 1-2 GetItem per sampled stream.
 */
final class StreamSample {
    static final long ITEMS_PER_SEGMENT = 1_000;
    /** DynamoDB allows 1,000,000; past 1,000 segments of a huge table are still a small part of it. */
    static final int MAX_SEGMENTS = 1_000;

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final String category;
    private final RandomGenerator random;
    private final long itemsPerSegment;

    StreamSample(
            DynamoDbClient dynamoDb,
            String eventsTable,
            String category,
            RandomGenerator random,
            long itemsPerSegment) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.category = category;
        this.random = random;
        this.itemsPerSegment = itemsPerSegment;
    }

    /** @return at most {@code n} distinct stream ids, fewer when the category has fewer streams */
    List<String> draw(long n) {
        Long count =
                dynamoDb.describeTable(r -> r.tableName(eventsTable)).table().itemCount();
        long items = count == null ? 0 : count;
        int total = Math.clamp((items + itemsPerSegment - 1) / itemsPerSegment, 1, MAX_SEGMENTS);
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < total && found.size() < n; i++) {
            // Fisher-Yates, one step per segment taken: the segments come in a uniformly random order
            int pick = i + random.nextInt(total - i);
            int segment = order[pick];
            order[pick] = order[i];
            order[i] = segment;
            scanSegment(segment, total, found);
        }
        List<String> streams = new ArrayList<>(found);
        int take = (int) Math.min(n, streams.size());
        for (int i = 0; i < take; i++) {
            int pick = i + random.nextInt(streams.size() - i);
            String chosen = streams.get(pick);
            streams.set(pick, streams.get(i));
            streams.set(i, chosen);
        }
        return List.copyOf(streams.subList(0, take));
    }

    private void scanSegment(int segment, int totalSegments, Set<String> found) {
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(eventsTable)
                    .segment(segment)
                    .totalSegments(totalSegments)
                    .filterExpression("#version = :first AND begins_with(#stream, :category)")
                    .projectionExpression("#stream")
                    .expressionAttributeNames(Map.of("#version", "version", "#stream", "streamId"))
                    .expressionAttributeValues(Map.of(
                            ":first", AttributeValue.fromN("1"), ":category", AttributeValue.fromS(category + "-")));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = dynamoDb.scan(request.build());
            page.items().forEach(item -> found.add(item.get("streamId").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
