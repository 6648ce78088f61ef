package dev.eventline.ordering.projector;

import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The order-summary and orders-by-customer tables. The summary's {@code version} is the projector's
 * checkpoint per stream; both items are written with {@code attribute_not_exists(version) OR
 * version < :new}, so a late or repeated write can never move an item back to an older version.
 */
final class ReadModelStore {
    private static final String NEWER_THAN_STORED = "attribute_not_exists(#version) OR #version < :version";

    private final DynamoDbClient dynamoDb;
    private final ReadModelTables tables;

    ReadModelStore(DynamoDbClient dynamoDb, ReadModelTables tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    /** Strongly consistent: the checkpoint must reflect the previous batch's write. */
    Optional<ProjectedOrder> load(String orderId) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(tables.orderSummary())
                .key(OrderSummaryItem.key(orderId))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderSummaryItem.fromItem(response.item()))
                : Optional.empty();
    }

    /** @return false when the stored summary is already at this version or newer (nothing to do) */
    boolean save(ProjectedOrder order) {
        return putIfNewer(tables.orderSummary(), OrderSummaryItem.toItem(order), order.version());
    }

    boolean save(CustomerOrderItem item) {
        return putIfNewer(tables.ordersByCustomer(), item.toItem(), item.version());
    }

    private boolean putIfNewer(String table, Map<String, AttributeValue> item, long version) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression(NEWER_THAN_STORED)
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(version))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyNewer) {
            return false; // another delivery got there first: the item converged already
        }
    }
}
