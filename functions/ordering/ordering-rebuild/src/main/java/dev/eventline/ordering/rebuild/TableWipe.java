package dev.eventline.ordering.rebuild;

import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Deletes every order item of the per-order read-model tables (never the generation pointer), by
 * parallel Scan of the keys and BatchWriteItem of 25 deletes, retrying what DynamoDB leaves
 * unprocessed a bounded number of times before failing loudly.
 */
final class TableWipe {
    private static final int MAX_UNPROCESSED_ROUNDS = 10;

    private final DynamoDbClient dynamoDb;
    private final int segments;

    TableWipe(DynamoDbClient dynamoDb, int segments) {
        this.dynamoDb = dynamoDb;
        this.segments = segments;
    }

    void wipe(ReadModelTables tables) {
        wipe(tables.orderSummary());
        wipe(tables.ordersByCustomer());
    }

    private void wipe(String table) {
        List<String> keyNames = dynamoDb.describeTable(r -> r.tableName(table)).table().keySchema().stream()
                .map(KeySchemaElement::attributeName)
                .toList();
        IntStream.range(0, segments).parallel().forEach(segment -> wipeSegment(table, keyNames, segment));
    }

    private void wipeSegment(String table, List<String> keyNames, int segment) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(r -> r.tableName(table)
                    .segment(segment)
                    .totalSegments(segments)
                    .projectionExpression(String.join(
                            ", ", keyNames.stream().map(k -> "#" + k).toList()))
                    .expressionAttributeNames(
                            keyNames.stream().collect(java.util.stream.Collectors.toMap(k -> "#" + k, k -> k)))
                    .exclusiveStartKey(from));
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> key : page.items()) {
                AttributeValue id = key.get(OrderSummaryItem.ORDER_ID);
                if (id != null && GenerationPointers.POINTER_KEY.equals(id.s())) {
                    continue;
                }
                deletes.add(WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(key).build())
                        .build());
            }
            for (int i = 0; i < deletes.size(); i += 25) {
                delete(table, deletes.subList(i, Math.min(deletes.size(), i + 25)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void delete(String table, List<WriteRequest> batch) {
        List<WriteRequest> pending = batch;
        for (int round = 0; round < MAX_UNPROCESSED_ROUNDS && !pending.isEmpty(); round++) {
            List<WriteRequest> requests = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, requests)));
            pending = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " deletes in " + table + " stayed unprocessed after "
                    + MAX_UNPROCESSED_ROUNDS + " rounds (throttled?); rerun to continue");
        }
    }
}
