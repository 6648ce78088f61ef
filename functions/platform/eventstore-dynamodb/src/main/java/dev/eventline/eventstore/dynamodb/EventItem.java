package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.format.EventItemFormat;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One event as one DynamoDB item, keyed {@code streamId} (partition) + {@code version} (sort), in
 * the stored form {@link EventItemFormat} defines (compact attribute names, nothing derivable stored;
 * items in the original form still read). Stream consumers read the same form from stream images.
 */
public final class EventItem {
    public static final String STREAM_ID = EventItemFormat.STREAM_ID;
    public static final String VERSION = EventItemFormat.VERSION;

    private EventItem() {}

    public static Map<String, AttributeValue> toItem(RecordedEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(16);
        EventItemFormat.write(event, writer(item));
        return item;
    }

    /** @throws IllegalArgumentException when the item is not an event item */
    public static RecordedEvent toRecordedEvent(Map<String, AttributeValue> item) {
        return EventItemFormat.read(reader(item));
    }

    /**
     * When the event item was recorded, in either stored form: project {@link #RECORDED_AT_ATTRIBUTES}
     * to read only that.
     */
    public static java.time.Instant recordedAt(Map<String, AttributeValue> item) {
        return EventItemFormat.recordedAt(reader(item));
    }

    /**
     * The last event position at or before the item's sort key: the event's version, or for a
     * snapshot item (at {@code v + 0.5}) the version {@code v} it was taken at. What a descending
     * head query or a scan of keys should use: either may meet a snapshot item first.
     */
    public static long eventPosition(Map<String, AttributeValue> item) {
        return new java.math.BigDecimal(item.get(VERSION).n()).longValue();
    }

    /** The attributes {@link #recordedAt(Map)} needs, for a projection expression. */
    public static final String RECORDED_AT_ATTRIBUTES =
            EventItemFormat.RECORDED_AT + ", " + EventItemFormat.LEGACY_RECORDED_AT;

    /** Whether the item is a snapshot sharing the stream's partition, not an event. */
    public static boolean isSnapshot(Map<String, AttributeValue> item) {
        return EventItemFormat.isSnapshot(reader(item));
    }

    static EventItemFormat.Writer writer(Map<String, AttributeValue> item) {
        return new EventItemFormat.Writer() {
            @Override
            public void string(String name, String value) {
                item.put(name, AttributeValue.fromS(value));
            }

            @Override
            public void number(String name, String value) {
                item.put(name, AttributeValue.fromN(value));
            }
        };
    }

    static EventItemFormat.Item reader(Map<String, AttributeValue> item) {
        return new EventItemFormat.Item() {
            @Override
            public String string(String name) {
                AttributeValue value = item.get(name);
                return value == null ? null : value.s();
            }

            @Override
            public String number(String name) {
                AttributeValue value = item.get(name);
                return value == null ? null : value.n();
            }
        };
    }

    /** The key of the item at {@code version} of {@code streamId}. */
    public static Map<String, AttributeValue> key(String streamId, long version) {
        return Map.of(STREAM_ID, AttributeValue.fromS(streamId), VERSION, AttributeValue.fromN(Long.toString(version)));
    }
}
