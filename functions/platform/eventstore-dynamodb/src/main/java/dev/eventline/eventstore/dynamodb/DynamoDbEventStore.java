package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.AppendResult;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.IdempotencyKeyConflictException;
import dev.eventline.eventstore.IdempotencyRecord;
import dev.eventline.eventstore.InlineView;
import dev.eventline.eventstore.InlineViews;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.eventstore.WrongExpectedVersionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The event store on DynamoDB: one item per event, keyed {@code streamId} + {@code version}, in the
 * compact stored form of {@link EventItem}.
 *
 * <p>Optimistic concurrency without locks or counters: an append puts the items at
 * {@code expectedVersion + 1 ...} under {@code attribute_not_exists(version)}, so two writers can
 * never take the same position. One event is one {@code PutItem} (1 WCU under 1 KB); several
 * events, or an event plus an idempotency key, are one {@code TransactWriteItems} (all or nothing).
 * A lost race returns the item that won ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD},
 * no read capacity), so the caller can catch up without reading.
 *
 * <p>Precondition: {@code expectedVersion} is a version the caller has read (the command executor
 * guarantees it); positions are only ever taken in order, so the stream has no holes.
 *
 * <p>Nothing here updates or deletes an event item, and IAM denies it to the functions as well.
 */
public final class DynamoDbEventStore implements EventStore, InlineViews {
    private static final String POSITION_IS_FREE = "attribute_not_exists(#version)";

    /** No item has and lacks an attribute at once: a put under this condition is always refused. */
    private static final String NEVER = "attribute_exists(#version) AND attribute_not_exists(#version)";

    private static final Map<String, String> VERSION_NAME = Map.of("#version", EventItem.VERSION);

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final String idempotencyTable;
    private final DynamoDbEventReader reader;
    private final Clock clock;
    private final Map<String, InlineViewTable.Bound> views = new HashMap<>();

    public DynamoDbEventStore(DynamoDbClient dynamoDb, String eventsTable, String idempotencyTable, Clock clock) {
        this(dynamoDb, eventsTable, idempotencyTable, clock, List.of());
    }

    /** @param inlineViews the tables of the inline views appended with the events */
    public DynamoDbEventStore(
            DynamoDbClient dynamoDb,
            String eventsTable,
            String idempotencyTable,
            Clock clock,
            List<InlineViewTable> inlineViews) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.idempotencyTable = idempotencyTable;
        this.reader = new DynamoDbEventReader(dynamoDb, eventsTable);
        this.clock = Objects.requireNonNull(clock, "clock");
        inlineViews.forEach(view -> views.put(view.view(), view.bind(dynamoDb)));
    }

    @Override
    public AppendResult append(
            String streamId, long expectedVersion, List<NewEvent> newEvents, Optional<IdempotencyRecord> record) {
        return append(streamId, expectedVersion, newEvents, record, List.of());
    }

    @Override
    public AppendResult append(
            String streamId,
            long expectedVersion,
            List<NewEvent> newEvents,
            Optional<IdempotencyRecord> record,
            List<InlineView> inlineViews) {
        if (newEvents.isEmpty()) {
            throw new IllegalArgumentException("nothing to append to " + streamId);
        }
        Instant now = clock.instant();
        List<RecordedEvent> recorded = new ArrayList<>(newEvents.size());
        long version = expectedVersion;
        for (NewEvent event : newEvents) {
            recorded.add(RecordedEvent.of(streamId, ++version, event, now));
        }
        if (recorded.size() == 1 && record.isEmpty() && inlineViews.isEmpty()) {
            putSingle(streamId, expectedVersion, recorded.getFirst());
        } else {
            putTransaction(streamId, expectedVersion, recorded, record, inlineViews, now);
        }
        return new AppendResult(streamId, version, recorded);
    }

    private void putSingle(String streamId, long expectedVersion, RecordedEvent event) {
        try {
            dynamoDb.putItem(conditionalPut(event, POSITION_IS_FREE));
        } catch (ConditionalCheckFailedException lost) {
            throw conflict(streamId, expectedVersion, lost.hasItem() ? lost.item() : Map.of());
        }
    }

    private PutItemRequest conditionalPut(RecordedEvent event, String condition) {
        return PutItemRequest.builder()
                .tableName(eventsTable)
                .item(EventItem.toItem(event))
                .conditionExpression(condition)
                .expressionAttributeNames(VERSION_NAME)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private void putTransaction(
            String streamId,
            long expectedVersion,
            List<RecordedEvent> recorded,
            Optional<IdempotencyRecord> record,
            List<InlineView> inlineViews,
            Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>(recorded.size() + 1);
        for (RecordedEvent event : recorded) {
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(eventsTable)
                            .item(EventItem.toItem(event))
                            .conditionExpression(POSITION_IS_FREE)
                            .expressionAttributeNames(VERSION_NAME)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .build());
        }
        record.ifPresent(r -> writes.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(idempotencyTable)
                        .item(IdempotencyItem.from(r).toItem())
                        // an expired key may be taken again even before TTL has physically deleted it
                        .conditionExpression("attribute_not_exists(#key) OR #expiresAt < :now")
                        .expressionAttributeNames(
                                Map.of("#key", IdempotencyItem.KEY, "#expiresAt", IdempotencyItem.EXPIRES_AT))
                        .expressionAttributeValues(
                                Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build()));
        // after the events and the key: the cancellation reasons below are read by position
        inlineViews.forEach(view -> writes.add(viewTable(view.view()).write(view)));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons =
                    cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            if (record.isPresent() && reasons.size() > recorded.size()) {
                CancellationReason keyReason = reasons.get(recorded.size());
                if ("ConditionalCheckFailed".equals(keyReason.code()) && keyReason.hasItem()) {
                    throw new IdempotencyKeyConflictException(
                            IdempotencyItem.fromItem(keyReason.item()).toRecord());
                }
            }
            int firstView = recorded.size() + (record.isPresent() ? 1 : 0);
            if (reasons.size() > firstView
                    && reasons.subList(0, firstView).stream().allMatch(r -> "None".equals(r.code()))) {
                for (int i = firstView; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        InlineView refused = inlineViews.get(i - firstView);
                        throw new IllegalStateException("inline view " + refused.view() + " of " + refused.key()
                                + " is already past version " + refused.version() + " of " + streamId);
                    }
                }
            }
            CancellationReason first = reasons.isEmpty() ? null : reasons.getFirst();
            // "TransactionConflict" (another transaction on the same items in flight) is a lost race too
            throw conflict(streamId, expectedVersion, first != null && first.hasItem() ? first.item() : Map.of());
        }
    }

    private static WrongExpectedVersionException conflict(
            String streamId, long expectedVersion, Map<String, AttributeValue> winner) {
        if (winner.isEmpty()) {
            return new WrongExpectedVersionException(streamId, expectedVersion, expectedVersion + 1, null);
        }
        RecordedEvent taken = EventItem.toRecordedEvent(winner);
        return new WrongExpectedVersionException(streamId, expectedVersion, taken.version(), taken);
    }

    /**
     * For SnapStart priming: runs an append's whole write path (item mapping, the conditional
     * PutItem through the real client) for {@code sample} under a condition no item meets, so
     * DynamoDB refuses it and nothing is written whatever the table holds.
     *
     * @return false when the put was accepted all the same (an emulator that ignores conditions)
     */
    public boolean primeAppend(RecordedEvent sample) {
        try {
            dynamoDb.putItem(conditionalPut(sample, NEVER));
            return false;
        } catch (ConditionalCheckFailedException refused) {
            return true;
        }
    }

    /**
     * For SnapStart priming of a store with inline views: runs the transactional write path (event and
     * view items mapped, one TransactWriteItems through the real client) with the event under a
     * condition no item meets, so DynamoDB cancels it and nothing is written.
     *
     * @return false when the transaction was accepted all the same (an emulator that ignores conditions)
     */
    public boolean primeAppend(RecordedEvent sample, List<InlineView> inlineViews) {
        List<TransactWriteItem> writes = new ArrayList<>(1 + inlineViews.size());
        writes.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(eventsTable)
                        .item(EventItem.toItem(sample))
                        .conditionExpression(NEVER)
                        .expressionAttributeNames(VERSION_NAME)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build());
        inlineViews.forEach(view -> writes.add(viewTable(view.view()).write(view)));
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(writes));
            return false;
        } catch (TransactionCanceledException refused) {
            return true;
        }
    }

    @Override
    public Optional<InlineView> findView(String view, String key) {
        return viewTable(view).find(key);
    }

    private InlineViewTable.Bound viewTable(String view) {
        InlineViewTable.Bound table = views.get(view);
        if (table == null) {
            throw new IllegalArgumentException("no table for inline view " + view + "; known: " + views.keySet());
        }
        return table;
    }

    @Override
    public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
        return reader.readAfter(streamId, afterVersion);
    }

    @Override
    public List<RecordedEvent> readAfterPossiblyStale(String streamId, long afterVersion) {
        return reader.readAfterPossiblyStale(streamId, afterVersion);
    }

    @Override
    public StreamPage readPage(String streamId, long afterVersion, int limit) {
        return reader.readPage(streamId, afterVersion, limit);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotencyRecord(String key) {
        GetItemResponse response = dynamoDb.getItem(b -> b.tableName(idempotencyTable)
                .key(Map.of(IdempotencyItem.KEY, AttributeValue.fromS(key)))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IdempotencyItem.fromItem(response.item()).toRecord())
                .filter(r -> r.isLiveAt(clock.instant()));
    }
}
