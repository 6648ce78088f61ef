package dev.eventline.ordering.projector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** Counts write requests per table (the capacity meter counts per operation only). */
final class TableWrites implements ExecutionInterceptor {
    private final Map<String, LongAdder> putItems = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> transactions = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest put) {
            putItems.computeIfAbsent(put.tableName(), t -> new LongAdder()).increment();
        } else if (context.request() instanceof TransactWriteItemsRequest transaction) {
            transaction.transactItems().stream()
                    .map(i -> i.update() != null
                            ? i.update().tableName()
                            : i.put().tableName())
                    .distinct()
                    .forEach(table -> transactions
                            .computeIfAbsent(table, t -> new LongAdder())
                            .increment());
        }
    }

    long putItems(String table) {
        LongAdder count = putItems.get(table);
        return count == null ? 0 : count.sum();
    }

    long transactions(String table) {
        LongAdder count = transactions.get(table);
        return count == null ? 0 : count.sum();
    }

    void reset() {
        putItems.clear();
        transactions.clear();
    }
}
