package dev.eventline.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamId;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.eventstore.UpTo;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.operations.StreamView.EventView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code stream show}: a stream read from its events table (consistently), with its state folded to
 * its head or to an earlier version.
 */
public final class StreamInspector {
    /** Events a view lists at most; the fold still reads the whole stream up to the version asked for. */
    public static final int MAX_EVENTS = 1_000;

    private static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final Resources resources;
    private final StreamFolds folds;

    public StreamInspector(DynamoDbClient dynamoDb, Resources resources) {
        this.dynamoDb = dynamoDb;
        this.resources = resources;
        this.folds = StreamFolds.all();
    }

    /**
     * @param at the version to fold to; empty for the head
     * @throws NotFoundException when no context owns the stream's category
     * @throws IllegalArgumentException when {@code streamId} is not a stream id or {@code at} is below 1
     */
    public StreamView show(String streamId, OptionalLong at) {
        StreamId id = StreamId.parse(streamId);
        if (at.isPresent() && at.getAsLong() < 1) {
            throw new IllegalArgumentException("a version is >= 1, was " + at.getAsLong());
        }
        Resources.EventContext context = resources
                .contextOfStream(id.value())
                .orElseThrow(() -> new NotFoundException("no context owns streams of category " + id.category()));
        long head = head(context.eventsTable(), id.value());
        long upTo = at.isPresent() ? Math.min(at.getAsLong(), head) : head;
        var reader = new DynamoDbEventReader(dynamoDb, context.eventsTable());
        // The whole stream up to the version is read for the fold; only the last MAX_EVENTS are listed.
        List<RecordedEvent> events = new ArrayList<>();
        StreamPage page;
        long after = 0;
        do {
            page = reader.readPage(id.value(), after, (int) Math.max(1, Math.min(PAGE, upTo - after)));
            for (RecordedEvent event : page.events()) {
                if (event.version() <= upTo) {
                    events.add(event);
                }
            }
            after = page.lastVersion(after);
        } while (page.hasMore() && after < upTo);
        StreamView.StateView state = folds.forCategory(id.category())
                .map(folder -> folder.fold(id.value(), events, UpTo.version(upTo)))
                .orElse(new StreamView.StateView(upTo, null, null, "no fold for category " + id.category()));
        boolean truncated = events.size() > MAX_EVENTS;
        List<EventView> listed = events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size()).stream()
                .map(StreamInspector::view)
                .toList();
        return new StreamView(id.value(), context.name(), head, upTo, listed, truncated, state);
    }

    /** The stream's last version (0 when it has no event): one item read backwards. */
    public long head(String eventsTable, String streamId) {
        var items = dynamoDb.query(b -> b.tableName(eventsTable)
                        .keyConditionExpression("streamId = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(streamId)))
                        .projectionExpression("version")
                        .scanIndexForward(false)
                        .consistentRead(true)
                        .limit(1))
                .items();
        return items.isEmpty() ? 0 : EventItem.eventPosition(items.getFirst());
    }

    private static EventView view(RecordedEvent e) {
        return new EventView(
                e.version(),
                e.eventId(),
                e.type(),
                e.schemaVersion(),
                parse(e.data()),
                e.metadata().commandId(),
                e.metadata().correlationId(),
                e.metadata().causationId(),
                e.metadata().traceId(),
                e.metadata().actor(),
                e.metadata().occurredAt(),
                e.recordedAt());
    }

    /** Stored data is JSON; a payload that is not is shown as the text it is (it is what the table holds). */
    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return TextNode.valueOf(data);
        }
    }
}
