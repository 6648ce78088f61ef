package dev.eventline.operations;

import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.eventstore.format.EventItemFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The events an on-failure message stands for, found in the events table by time, at any age: the
 * message gives the arrival times of its batch's first and last record in the stream, and every event
 * carries {@code recordedAt}, taken just before its write. A margin either side covers the clocks'
 * difference; finding a few more streams than the batch had is harmless, since a redrive of a stream
 * already applied skips what it has.
 *
 * <p>Cost: a Scan of the events table (projected to three attributes, filtered by the window), so
 * read capacity in proportion to the table's size; capped by {@code maxScanned}.
 */
final class EventsWindow {
    /** Clock difference between the writer's {@code recordedAt} and the stream's arrival time. */
    static final Duration MARGIN = Duration.ofMinutes(2);

    private final DynamoDbClient dynamoDb;

    EventsWindow(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** The scan stopped at its cap: streams after it were not looked at. */
    record Found(Map<String, Long> firstVersionByStream, long scanned, boolean complete) {}

    /**
     * The lowest version of each stream recorded within {@code [from - margin, to + margin]}.
     *
     * @param scanned told of every page's item count, for progress
     */
    Found streamsRecordedBetween(String eventsTable, Instant from, Instant to, long maxScanned, LongConsumer scanned) {
        Instant low = from.minus(MARGIN);
        Instant high = to.plus(MARGIN);
        // Both stored forms: the compact one's epoch milliseconds compare exactly; the original form's
        // ISO-8601 strings compare like instants except within one second (fraction digits vary), so
        // that filter is a second wider, and the exact bounds are applied here.
        var values = Map.of(
                ":low", AttributeValue.fromN(EventItemFormat.recordedAtNumber(low)),
                ":high", AttributeValue.fromN(EventItemFormat.recordedAtNumber(high)),
                ":lowIso", AttributeValue.fromS(low.minusSeconds(1).toString()),
                ":highIso", AttributeValue.fromS(high.plusSeconds(1).toString()));
        var names = Map.of("#w", EventItemFormat.RECORDED_AT, "#iso", EventItemFormat.LEGACY_RECORDED_AT);
        Map<String, Long> found = new TreeMap<>();
        Map<String, AttributeValue> startKey = null;
        long total = 0;
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            ScanResponse page = dynamoDb.scan(b -> b.tableName(eventsTable)
                    .projectionExpression("streamId, version, #w, #iso")
                    .filterExpression("(#w BETWEEN :low AND :high) OR (#iso BETWEEN :lowIso AND :highIso)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .exclusiveStartKey(exclusiveStart));
            total += page.scannedCount();
            scanned.accept(page.scannedCount());
            for (var item : page.items()) {
                Instant recordedAt = EventItem.recordedAt(item);
                if (!recordedAt.isBefore(low) && !recordedAt.isAfter(high)) {
                    found.merge(item.get("streamId").s(), EventItem.eventPosition(item), Math::min);
                }
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && total < maxScanned);
        return new Found(found, total, startKey == null);
    }
}
