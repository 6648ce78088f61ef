package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.format.EventItemFormat;
import dev.eventline.eventstore.snapshot.CoLocatedSnapshots;
import dev.eventline.eventstore.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Snapshots in the events table, in the stream's own partition: the snapshot at version {@code v} is
 * the item at sort key {@code v + 0.5} ({@link EventItemFormat}). A cold load is then one descending
 * query from the head of the stream, which returns the events after the newest snapshot and that
 * snapshot together: one read request at any stream length. Writing one is a {@code PutItem} of a new
 * item; no event item is ever touched. Whoever writes snapshots (the command path, the chaser, the
 * schedule) writes them here, so every strategy is read the same way.
 *
 * <p>Writing the same version again replaces the item: a snapshot is a pure function of the events up
 * to its version, so any writer's copy is as good, and a corrupt or old-schema one is replaced in place.
 */
public final class DynamoDbEventTableSnapshots implements CoLocatedSnapshots {
    private final DynamoDbClient dynamoDb;
    private final String eventsTable;

    public DynamoDbEventTableSnapshots(DynamoDbClient dynamoDb, String eventsTable) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
    }

    @Override
    public Optional<Snapshot> load(String streamId) {
        return readHead(streamId, 1_000, false).snapshot();
    }

    @Override
    public void save(Snapshot snapshot) {
        Map<String, AttributeValue> item = new HashMap<>(8);
        EventItemFormat.writeSnapshot(snapshot, EventItem.writer(item));
        dynamoDb.putItem(r -> r.tableName(eventsTable).item(item));
    }

    @Override
    public Head readHead(String streamId, int pageSize, boolean consistent) {
        List<RecordedEvent> newestFirst = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(QueryRequest.builder()
                    .tableName(eventsTable)
                    .keyConditionExpression("#streamId = :streamId")
                    .expressionAttributeNames(Map.of("#streamId", EventItem.STREAM_ID))
                    .expressionAttributeValues(Map.of(":streamId", AttributeValue.fromS(streamId)))
                    .scanIndexForward(false)
                    .consistentRead(consistent)
                    // the first page is what a snapshot kept within its interval needs; past it, the tail is
                    // long anyway, and full (1 MB) pages read it in the fewest requests
                    .limit(start == null ? pageSize : null)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                EventItemFormat.Item read = EventItem.reader(item);
                if (!EventItemFormat.isSnapshot(read)) {
                    newestFirst.add(EventItemFormat.read(read));
                    continue;
                }
                try {
                    return new Head(Optional.of(EventItemFormat.readSnapshot(read)), newestFirst.reversed());
                } catch (IllegalArgumentException unreadable) {
                    // a damaged cache entry: read on past it, as if it were not there
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return new Head(Optional.empty(), newestFirst.reversed());
    }
}
