package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads streams from the events table, consistently, and nothing else: what projections, the query
 * API, the publisher and the snapshot chaser are built with. It needs the events table alone, so a
 * read-only function is wired (and granted) without any idempotency table.
 */
public final class DynamoDbEventReader implements EventReader {
    /**
     * Items asked of one Query. DynamoDB stops a page at 1 MB anyway; the cap keeps a large
     * {@code limit} from becoming a large request, and the pages are followed as needed.
     */
    static final int MAX_ITEMS_PER_QUERY = 1_000;

    private final DynamoDbTable<EventItem> events;

    public DynamoDbEventReader(DynamoDbClient dynamoDb, String eventsTable) {
        this(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build().table(eventsTable, EventItem.SCHEMA));
    }

    DynamoDbEventReader(DynamoDbTable<EventItem> events) {
        this.events = events;
    }

    @Override
    public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
        List<RecordedEvent> result = new ArrayList<>();
        events.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortGreaterThan(Key.builder()
                                .partitionValue(streamId)
                                .sortValue(afterVersion)
                                .build()))
                        .consistentRead(true)
                        .build())
                .items()
                .forEach(item -> result.add(item.toRecordedEvent()));
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
        for (Page<EventItem> page : events.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThan(Key.builder()
                        .partitionValue(streamId)
                        .sortValue(afterVersion)
                        .build()))
                .consistentRead(true)
                .limit(requestLimit)
                .build())) {
            for (EventItem item : page.items()) {
                result.add(item.toRecordedEvent());
            }
            if (result.size() > limit) {
                break;
            }
        }
        boolean hasMore = result.size() > limit;
        return new StreamPage(streamId, hasMore ? result.subList(0, limit) : result, hasMore);
    }
}
