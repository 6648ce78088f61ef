package dev.eventline.ordering.projector;

import dev.eventline.ordering.readmodel.DailySalesItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Counts captured payments per (UTC day, currency), never twice.
 *
 * <p>A counter cannot be made idempotent by a version condition (many orders add to it), so each
 * paid order leaves a marker, {@code paid#<orderId>}, put under {@code attribute_not_exists} in the
 * same {@code TransactWriteItems} as the counter's {@code ADD}. The payments of one day and currency
 * in a batch share one transaction: {@code ADD n, sum} plus n markers (at most 99 markers, the
 * transaction limit being 100 items). If the transaction is cancelled, typically because a
 * redelivered payment's marker exists, each order is retried in its own transaction, where a
 * marker conflict simply means "already counted".
 */
final class DailySalesWriter {
    static final int MAX_MARKERS_PER_TRANSACTION = 99;

    private record Group(String day, String currency) {}

    private final DynamoDbClient dynamoDb;
    private final String table;

    DailySalesWriter(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return the failure per stream whose payment could not be counted (empty when all are counted) */
    Map<String, RuntimeException> record(List<Payment> payments) {
        Map<Group, List<Payment>> groups = new LinkedHashMap<>();
        for (Payment payment : payments) {
            groups.computeIfAbsent(new Group(payment.day(), payment.currency()), g -> new ArrayList<>())
                    .add(payment);
        }
        Map<String, RuntimeException> failures = new HashMap<>();
        groups.forEach((group, inGroup) -> {
            for (int from = 0; from < inGroup.size(); from += MAX_MARKERS_PER_TRANSACTION) {
                List<Payment> chunk =
                        inGroup.subList(from, Math.min(inGroup.size(), from + MAX_MARKERS_PER_TRANSACTION));
                writeChunk(group, chunk, failures);
            }
        });
        return failures;
    }

    private void writeChunk(Group group, List<Payment> chunk, Map<String, RuntimeException> failures) {
        try {
            transact(group, chunk);
        } catch (TransactionCanceledException cancelled) {
            if (chunk.size() == 1) {
                onSingleCancelled(chunk.getFirst(), cancelled, failures);
            } else {
                for (Payment payment : chunk) {
                    writeOne(group, payment, failures);
                }
            }
        } catch (RuntimeException failure) {
            chunk.forEach(payment -> failures.put(payment.streamId(), failure));
        }
    }

    private void writeOne(Group group, Payment payment, Map<String, RuntimeException> failures) {
        try {
            transact(group, List.of(payment));
        } catch (TransactionCanceledException cancelled) {
            onSingleCancelled(payment, cancelled, failures);
        } catch (RuntimeException failure) {
            failures.put(payment.streamId(), failure);
        }
    }

    /** Item 1 is the marker: its condition failing means this payment is already counted. */
    private static void onSingleCancelled(
            Payment payment, TransactionCanceledException cancelled, Map<String, RuntimeException> failures) {
        List<CancellationReason> reasons =
                cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        boolean alreadyCounted = reasons.size() > 1
                && "ConditionalCheckFailed".equals(reasons.get(1).code());
        if (!alreadyCounted) {
            failures.put(payment.streamId(), cancelled);
        }
    }

    private void transact(Group group, List<Payment> payments) {
        long gross = 0;
        for (Payment payment : payments) {
            gross = Math.addExact(gross, payment.amount());
        }
        List<TransactWriteItem> items = new ArrayList<>(payments.size() + 1);
        items.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(DailySalesItem.counterKey(group.day(), group.currency()))
                        .updateExpression("ADD #orders :orders, #gross :gross")
                        .expressionAttributeNames(
                                Map.of("#orders", DailySalesItem.ORDERS_PAID, "#gross", DailySalesItem.GROSS_AMOUNT))
                        .expressionAttributeValues(Map.of(
                                ":orders", AttributeValue.fromN(Integer.toString(payments.size())),
                                ":gross", AttributeValue.fromN(Long.toString(gross))))
                        .build())
                .build());
        for (Payment payment : payments) {
            items.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(table)
                            .item(DailySalesItem.marker(
                                    group.day(),
                                    payment.orderId(),
                                    payment.currency(),
                                    payment.amount(),
                                    payment.capturedAt()))
                            .conditionExpression("attribute_not_exists(#sk)")
                            .expressionAttributeNames(Map.of("#sk", DailySalesItem.SK))
                            .build())
                    .build());
        }
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
    }
}
