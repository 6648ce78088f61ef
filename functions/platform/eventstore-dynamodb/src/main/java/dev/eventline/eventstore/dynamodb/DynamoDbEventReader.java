package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads streams from the events table, and nothing else: what projections, the query API, the
 * publisher and the snapshot chaser are built with. It needs the events table alone, so a read-only
 * function is wired (and granted) without any idempotency table. Reads are consistent, except
 * {@link #readAfterPossiblyStale} (half the read capacity) for the command path.
 */
public final class DynamoDbEventReader implements EventReader {
    /**
     * Items asked of one Query. DynamoDB stops a page at 1 MB anyway; the cap keeps a large
     * {@code limit} from becoming a large request, and the pages are followed as needed.
     */
    static final int MAX_ITEMS_PER_QUERY = 1_000;

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;

    public DynamoDbEventReader(DynamoDbClient dynamoDb, String eventsTable) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
    }

    @Override
    public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
        return readAll(streamId, afterVersion, true);
    }

    @Override
    public List<RecordedEvent> readAfterPossiblyStale(String streamId, long afterVersion) {
        return readAll(streamId, afterVersion, false);
    }

    private List<RecordedEvent> readAll(String streamId, long afterVersion, boolean consistent) {
        List<RecordedEvent> result = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(after(streamId, afterVersion, consistent, null, start));
            for (Map<String, AttributeValue> item : page.items()) {
                if (!EventItem.isSnapshot(item)) { // snapshots share the partition, between the events
                    result.add(EventItem.toRecordedEvent(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return result;
    }

    @Override
    public StreamPage readPage(String streamId, long afterVersion, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        // Sized by what arrives, never by the caller's number: a limit can be as large as an asOf version.
        List<RecordedEvent> result = new ArrayList<>();
        // one item more than asked tells whether there is a next page without a second request
        int requestLimit = (int) Math.min(limit + 1L, MAX_ITEMS_PER_QUERY);
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(after(streamId, afterVersion, true, requestLimit, start));
            for (Map<String, AttributeValue> item : page.items()) {
                if (!EventItem.isSnapshot(item)) {
                    result.add(EventItem.toRecordedEvent(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && result.size() <= limit);
        boolean hasMore = result.size() > limit;
        return new StreamPage(streamId, hasMore ? result.subList(0, limit) : result, hasMore);
    }

    private QueryRequest after(
            String streamId, long afterVersion, boolean consistent, Integer limit, Map<String, AttributeValue> start) {
        return QueryRequest.builder()
                .tableName(eventsTable)
                .keyConditionExpression("#streamId = :streamId AND #version > :after")
                .expressionAttributeNames(Map.of("#streamId", EventItem.STREAM_ID, "#version", EventItem.VERSION))
                .expressionAttributeValues(Map.of(
                        ":streamId", AttributeValue.fromS(streamId),
                        ":after", AttributeValue.fromN(Long.toString(afterVersion))))
                .consistentRead(consistent)
                .limit(limit)
                .exclusiveStartKey(start)
                .build();
    }
}
