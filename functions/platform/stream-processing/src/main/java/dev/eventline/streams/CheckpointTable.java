package dev.eventline.streams;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Per-stream checkpoints in a table of their own, for a consumer whose output cannot carry one (the
 * publisher's output is the bus): item {@code streamId} → {@code version} (the last version done),
 * {@code updatedAt}. A checkpoint only moves forward ({@code attribute_not_exists(version) OR
 * version < :new}), so a late or repeated write never moves it back.
 */
public final class CheckpointTable {
    static final String STREAM_ID = "streamId";
    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public CheckpointTable(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Strongly consistent: it must reflect the previous batch's write. 0 when the stream has none. */
    public Checkpoint<Void> read(String streamId) {
        GetItemResponse response =
                dynamoDb.getItem(r -> r.tableName(table).key(key(streamId)).consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Checkpoint.at(0);
        }
        return Checkpoint.at(Long.parseLong(response.item().get(VERSION).n()));
    }

    /** Moves the stream's checkpoint to {@code version}, unless it is there already or further. */
    public void advance(String streamId, long version) {
        try {
            dynamoDb.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            STREAM_ID,
                            AttributeValue.fromS(streamId),
                            VERSION,
                            AttributeValue.fromN(Long.toString(version)),
                            UPDATED_AT,
                            AttributeValue.fromS(clock.instant().toString())))
                    .conditionExpression("attribute_not_exists(#version) OR #version < :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(version)))));
        } catch (ConditionalCheckFailedException alreadyFurther) {
            // another delivery (a redrive, a retry) got there first: the checkpoint converged already
        }
    }

    private static Map<String, AttributeValue> key(String streamId) {
        return Map.of(STREAM_ID, AttributeValue.fromS(streamId));
    }
}
