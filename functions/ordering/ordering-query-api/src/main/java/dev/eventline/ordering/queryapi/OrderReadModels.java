package dev.eventline.ordering.queryapi;

import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads of the projector's tables (item formats owned by {@code dev.eventline.ordering.readmodel}). */
final class OrderReadModels {
    /** A page of a customer's orders, newest first; {@code lastSortKey} is where the next page starts. */
    record CustomerOrdersPage(List<CustomerOrderItem> orders, Optional<String> lastSortKey) {}

    private final DynamoDbClient dynamoDb;
    private final GenerationPointers generations;

    /** Reads the live generation, as the pointer says (cached briefly; see {@link GenerationPointers}). */
    OrderReadModels(DynamoDbClient dynamoDb, GenerationPointers generations) {
        this.dynamoDb = dynamoDb;
        this.generations = generations;
    }

    /**
     * @param consistent true when the caller waits for a version (half the price otherwise: a plain
     *                   read is at most about a second stale, which the projection is anyway)
     */
    Optional<ProjectedOrder> summary(String orderId, boolean consistent) {
        GetItemResponse response =
                dynamoDb.getItem(r -> r.tableName(generations.live().orderSummary())
                        .key(OrderSummaryItem.key(orderId))
                        .consistentRead(consistent));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderSummaryItem.fromItem(response.item()))
                : Optional.empty();
    }

    /**
     * Asks for one item more than {@code limit}: the next page then exists exactly when it is
     * returned, so the last page never carries a cursor to an empty page (unless DynamoDB's 1 MB
     * page cut the query short, which needs far more than 101 of these small items).
     */
    CustomerOrdersPage customerOrders(String customerId, int limit, Optional<String> afterSortKey) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(generations.live().ordersByCustomer())
                .keyConditionExpression("#customer = :customer")
                .expressionAttributeNames(Map.of("#customer", CustomerOrderItem.CUSTOMER_ID))
                .expressionAttributeValues(Map.of(":customer", AttributeValue.fromS(customerId)))
                .scanIndexForward(false)
                .limit(limit + 1);
        afterSortKey.ifPresent(sortKey -> query.exclusiveStartKey(Map.of(
                CustomerOrderItem.CUSTOMER_ID, AttributeValue.fromS(customerId),
                CustomerOrderItem.SORT_KEY, AttributeValue.fromS(sortKey))));
        QueryResponse response = dynamoDb.query(query.build());
        List<CustomerOrderItem> items =
                response.items().stream().map(CustomerOrderItem::fromItem).toList();
        if (items.size() > limit) {
            List<CustomerOrderItem> page = items.subList(0, limit);
            return new CustomerOrdersPage(page, Optional.of(page.getLast().sortKey()));
        }
        boolean cutShort =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !items.isEmpty();
        return new CustomerOrdersPage(
                items, cutShort ? Optional.of(items.getLast().sortKey()) : Optional.empty());
    }
}
