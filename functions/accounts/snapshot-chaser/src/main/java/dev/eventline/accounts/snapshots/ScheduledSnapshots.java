package dev.eventline.accounts.snapshots;

import dev.eventline.eventstore.dynamodb.EventItem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The time-based strategy: on a schedule, every account stream with an event recorded since the
 * previous run gets a snapshot at its head (unless it already has one there). Between runs the
 * command path neither reads nor writes snapshots for it; a cold load reads the snapshot and the
 * events of at most one interval.
 *
 * <p>Finding the active streams is a {@code Scan} of the events table filtered on the compact
 * {@code w} (recorded at, epoch milliseconds): it reads the whole table once a run, so it fits
 * accounts tables of moderate size or long intervals; a busier table wants an index on activity, or
 * the chaser. Snapshots are taken by the {@link SnapshotChaser} with a threshold of one event, so what
 * the chaser guarantees (load with fallbacks, save, every failure thrown) holds here too.
 */
public final class ScheduledSnapshots {
    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final SnapshotChaser chaser;

    /** @param chaser with threshold 1: any event since the last snapshot makes one due */
    public ScheduledSnapshots(DynamoDbClient dynamoDb, String eventsTable, SnapshotChaser chaser) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.eventsTable = Objects.requireNonNull(eventsTable, "eventsTable");
        this.chaser = Objects.requireNonNull(chaser, "chaser");
        if (chaser.threshold() != 1) {
            throw new IllegalArgumentException("a scheduled run snapshots any active stream: threshold must be 1");
        }
    }

    /**
     * What one run did.
     *
     * @param active      streams with events recorded since the run's start time, with their highest version
     * @param snapshotted the streams a snapshot was written for, at that version
     * @param failed      streams whose snapshot could not be read or written, with the cause
     */
    public record Run(Map<String, Long> active, Map<String, Long> snapshotted, Map<String, RuntimeException> failed) {}

    /** Snapshots every stream with an event recorded at or after {@code since}. */
    public Run run(Instant since) {
        Map<String, Long> active = activeSince(since);
        Map<String, Long> snapshotted = new LinkedHashMap<>();
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        active.forEach((streamId, highest) -> {
            try {
                OptionalLong written = chaser.chase(streamId, highest);
                if (written.isPresent()) {
                    snapshotted.put(streamId, written.getAsLong());
                }
            } catch (RuntimeException e) {
                failed.put(streamId, e); // the others still get theirs; the run fails at the end
            }
        });
        return new Run(active, snapshotted, failed);
    }

    private Map<String, Long> activeSince(Instant since) {
        BigDecimal millis = BigDecimal.valueOf(since.getEpochSecond())
                .multiply(BigDecimal.valueOf(1_000))
                .add(BigDecimal.valueOf(since.getNano(), 6));
        Map<String, Long> highest = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamoDb.scan(ScanRequest.builder()
                    .tableName(eventsTable)
                    .projectionExpression("#streamId, #version")
                    // events only (snapshot items carry a state), recorded since the start of the window
                    .filterExpression("#recordedAt >= :since AND attribute_not_exists(#state)")
                    .expressionAttributeNames(Map.of(
                            "#streamId",
                            EventItem.STREAM_ID,
                            "#version",
                            EventItem.VERSION,
                            "#recordedAt",
                            "w",
                            "#state",
                            "u"))
                    .expressionAttributeValues(Map.of(":since", AttributeValue.fromN(millis.toPlainString())))
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> item : page.items()) {
                long version = Long.parseLong(item.get(EventItem.VERSION).n());
                highest.merge(item.get(EventItem.STREAM_ID).s(), version, Math::max);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return highest;
    }

    /** The streams a failed run could not snapshot, for the error that fails it. */
    static List<String> describe(Map<String, RuntimeException> failed) {
        List<String> lines = new ArrayList<>(failed.size());
        failed.forEach((streamId, cause) -> lines.add(streamId + ": " + cause));
        return lines;
    }
}
