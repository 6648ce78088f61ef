package dev.eventline.testsupport.capacity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Counts DynamoDB requests and the capacity they consume, computed from item sizes by DynamoDB's
 * rules (see {@link ItemSize}): register it on a client with
 * {@code overrideConfiguration(c -> c.addExecutionInterceptor(meter))}.
 * A failed conditional write consumes write capacity too, so failures are counted.
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final DoubleAdder readUnits = new DoubleAdder();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private final LongAdder itemsRead = new LongAdder();

    /** A snapshot of the counters. */
    public record Usage(
            long requests, Map<String, Long> requestsByOperation, double readUnits, double writeUnits, long itemsRead) {
        public Usage minus(Usage before) {
            Map<String, Long> ops = new java.util.TreeMap<>(requestsByOperation);
            before.requestsByOperation.forEach((k, v) -> ops.merge(k, -v, Long::sum));
            ops.values().removeIf(v -> v == 0);
            return new Usage(
                    requests - before.requests,
                    ops,
                    readUnits - before.readUnits,
                    writeUnits - before.writeUnits,
                    itemsRead - before.itemsRead);
        }
    }

    public Usage usage() {
        Map<String, Long> byOperation = new java.util.TreeMap<>();
        requests.forEach((k, v) -> byOperation.put(k, v.sum()));
        return new Usage(
                byOperation.values().stream().mapToLong(Long::longValue).sum(),
                byOperation,
                readUnits.sum(),
                writeUnits.sum(),
                itemsRead.sum());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(context.request(), Optional.of(context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(context.request(), Optional.empty());
    }

    private void record(SdkRequest request, Optional<SdkResponse> response) {
        if (!(request instanceof DynamoDbRequest)) {
            // a DynamoDB meter: the cold start's key read (SSM) or a publish is not table capacity
            return;
        }
        requests.computeIfAbsent(request.getClass().getSimpleName().replace("Request", ""), k -> new LongAdder())
                .increment();
        switch (request) {
            case PutItemRequest put -> writeUnits.add(ItemSize.writeUnits(ItemSize.of(put.item())));
            case UpdateItemRequest update -> writeUnits.add(ItemSize.writeUnits(ItemSize.of(update.key())));
            case TransactWriteItemsRequest transaction -> {
                for (TransactWriteItem item : transaction.transactItems()) {
                    long size = item.put() != null
                            ? ItemSize.of(item.put().item())
                            : item.update() != null
                                    ? ItemSize.of(item.update().key())
                                    : item.delete() != null
                                            ? ItemSize.of(item.delete().key())
                                            : ItemSize.of(item.conditionCheck().key());
                    writeUnits.add(2 * ItemSize.writeUnits(size)); // transactions cost twice
                }
            }
            case BatchWriteItemRequest batch -> {
                for (List<WriteRequest> writes : batch.requestItems().values()) {
                    for (WriteRequest write : writes) {
                        writeUnits.add(ItemSize.writeUnits(
                                write.putRequest() != null
                                        ? ItemSize.of(write.putRequest().item())
                                        : ItemSize.of(write.deleteRequest().key())));
                    }
                }
            }
            case QueryRequest query ->
                response.map(QueryResponse.class::cast).ifPresent(r -> {
                    long bytes = r.items().stream().mapToLong(ItemSize::of).sum();
                    itemsRead.add(r.items().size());
                    readUnits.add(ItemSize.readUnits(bytes, Boolean.TRUE.equals(query.consistentRead())));
                });
            case GetItemRequest get ->
                response.map(GetItemResponse.class::cast).ifPresent(r -> {
                    Map<String, AttributeValue> item = r.hasItem() ? r.item() : Map.of();
                    itemsRead.add(item.isEmpty() ? 0 : 1);
                    readUnits.add(ItemSize.readUnits(ItemSize.of(item), Boolean.TRUE.equals(get.consistentRead())));
                });
            default -> {
                // other operations are counted as requests only
            }
        }
    }
}
