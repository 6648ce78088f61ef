package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Snapshots in their own table, one item per stream. Writers (the command path and the chaser) may
 * race; the condition keeps the newest. The same version may be written again: that is how a
 * corrupt or old-schema snapshot at the head of the stream is replaced (same version, same state).
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {
    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSnapshotStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Optional<Snapshot> load(String streamId) {
        GetItemResponse response = dynamoDb.getItem(
                b -> b.tableName(tableName).key(Map.of(SnapshotItem.STREAM_ID, AttributeValue.fromS(streamId))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(SnapshotItem.fromItem(response.item()).toSnapshot())
                : Optional.empty();
    }

    @Override
    public void save(Snapshot snapshot) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(SnapshotItem.from(snapshot).toItem())
                    .conditionExpression("attribute_not_exists(#v) OR #v <= :v")
                    .expressionAttributeNames(Map.of("#v", SnapshotItem.VERSION))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(snapshot.version())))));
        } catch (ConditionalCheckFailedException newerAlreadyThere) {
            // another writer stored a later snapshot: nothing to do
        }
    }
}
