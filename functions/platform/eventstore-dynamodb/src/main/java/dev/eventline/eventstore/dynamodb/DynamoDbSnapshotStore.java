package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Snapshots in their own table, one item per stream. Writers (the command path and the chaser) may
 * race; the condition keeps the newest. The same version may be written again: that is how a
 * corrupt or old-schema snapshot at the head of the stream is replaced (same version, same state).
 */
public final class DynamoDbSnapshotStore implements SnapshotStore {
    private final DynamoDbTable<SnapshotItem> table;

    public DynamoDbSnapshotStore(DynamoDbClient dynamoDb, String tableName) {
        this.table = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamoDb)
                .build()
                .table(tableName, SnapshotItem.SCHEMA);
    }

    @Override
    public Optional<Snapshot> load(String streamId) {
        return Optional.ofNullable(
                        table.getItem(Key.builder().partitionValue(streamId).build()))
                .map(SnapshotItem::toSnapshot);
    }

    @Override
    public void save(Snapshot snapshot) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(SnapshotItem.class)
                    .item(SnapshotItem.from(snapshot))
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(#v) OR #v <= :v")
                            .putExpressionName("#v", "version")
                            .putExpressionValue(":v", AttributeValue.fromN(Long.toString(snapshot.version())))
                            .build())
                    .build());
        } catch (ConditionalCheckFailedException newerAlreadyThere) {
            // another writer stored a later snapshot: nothing to do
        }
    }
}
