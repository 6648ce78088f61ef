package dev.eventline.ordering.readmodel;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The order-summary and orders-by-customer tables, for the projector and for rebuilds. The
 * summary's {@code version} is the projector's checkpoint per stream; both items are written with
 * {@code attribute_not_exists(version) OR version < :new}, so a late or repeated write can never move
 * an item back to an older version.
 *
 * <p>Which tables: the live generation is read, and every generation the {@link GenerationPointer}
 * names is written (live, being built, being retired), so a blue-green rebuild's new generation
 * follows the stream while it is filled from the log.
 */
public final class ReadModelStore {
    private static final String NEWER_THAN_STORED = "attribute_not_exists(#version) OR #version < :version";
    private static final String NOT_NEWER_THAN_STORED = "attribute_not_exists(#version) OR #version <= :version";

    private final DynamoDbClient dynamoDb;
    private final GenerationPointers pointers;

    public ReadModelStore(DynamoDbClient dynamoDb, GenerationPointers pointers) {
        this.dynamoDb = dynamoDb;
        this.pointers = pointers;
    }

    /** Strongly consistent, from the live generation: the checkpoint must reflect the previous batch's write. */
    public Optional<ProjectedOrder> load(String orderId) {
        return load(pointers.live(), orderId);
    }

    public Optional<ProjectedOrder> load(ReadModelTables tables, String orderId) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(tables.orderSummary())
                .key(OrderSummaryItem.key(orderId))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderSummaryItem.fromItem(response.item()))
                : Optional.empty();
    }

    /** Into every written generation; @return false when the live summary is already at this version or newer */
    public boolean save(ProjectedOrder order) {
        boolean live = true;
        boolean first = true;
        for (long generation : pointers.current().written()) {
            boolean written = save(pointers.base().generation(generation), order);
            live = first ? written : live;
            first = false;
        }
        return live;
    }

    public void save(CustomerOrderItem item) {
        for (long generation : pointers.current().written()) {
            save(pointers.base().generation(generation), item);
        }
    }

    public boolean save(ReadModelTables tables, ProjectedOrder order) {
        return putIfNewer(tables.orderSummary(), OrderSummaryItem.toItem(order), order.version());
    }

    public boolean save(ReadModelTables tables, CustomerOrderItem item) {
        return putIfNewer(tables.ordersByCustomer(), item.toItem(), item.version());
    }

    /**
     * Overwrites an item at the same version as well (a repair of an item altered in place); still
     * never moves an item back to an older version.
     */
    public void repair(ReadModelTables tables, ProjectedOrder order) {
        put(tables.orderSummary(), OrderSummaryItem.toItem(order), order.version(), NOT_NEWER_THAN_STORED);
    }

    public void repair(ReadModelTables tables, CustomerOrderItem item) {
        put(tables.ordersByCustomer(), item.toItem(), item.version(), NOT_NEWER_THAN_STORED);
    }

    private boolean putIfNewer(String table, Map<String, AttributeValue> item, long version) {
        return put(table, item, version, NEWER_THAN_STORED);
    }

    private boolean put(String table, Map<String, AttributeValue> item, long version, String condition) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(version))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyNewer) {
            return false; // another delivery got there first: the item converged already
        }
    }
}
