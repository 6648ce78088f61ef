package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.format.EventItemFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Reads events out of DynamoDB Streams records ({@code NEW_IMAGE}), in the event item's stored form
 * ({@link EventItemFormat}: the compact form, and the original one for items written before it).
 */
public final class StreamRecords {
    private StreamRecords() {}

    /**
     * A record of a snapshot item, which shares the events' partition at a position between two
     * events ({@link EventItemFormat#isSnapshotPosition}): written, or rewritten, by a snapshot writer.
     * It is no event and no tampering; stream consumers pass over it.
     */
    public static boolean isSnapshot(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            return false;
        }
        AttributeValue key = record.getDynamodb().getKeys().get(EventItemFormat.VERSION);
        return key != null && EventItemFormat.isSnapshotPosition(key.getN());
    }

    /** Only inserts carry new events; the store never modifies or removes an event item. */
    public static boolean isNewEvent(DynamodbStreamRecord record) {
        return "INSERT".equals(record.getEventName())
                && record.getDynamodb() != null
                && record.getDynamodb().getNewImage() != null;
    }

    /** @throws IllegalArgumentException when the image is not an event item (a poison record) */
    public static RecordedEvent toRecordedEvent(DynamodbStreamRecord record) {
        if (!isNewEvent(record)) {
            throw new IllegalArgumentException(
                    "stream record " + sequenceNumber(record) + " is not an inserted event item");
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        try {
            return EventItemFormat.read(item(image));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "stream record " + sequenceNumber(record) + " is not a valid event item: " + e.getMessage(), e);
        }
    }

    private static EventItemFormat.Item item(Map<String, AttributeValue> image) {
        return new EventItemFormat.Item() {
            @Override
            public String string(String name) {
                AttributeValue value = image.get(name);
                return value == null ? null : value.getS();
            }

            @Override
            public String number(String name) {
                AttributeValue value = image.get(name);
                return value == null ? null : value.getN();
            }
        };
    }

    public static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? "?" : record.getDynamodb().getSequenceNumber();
    }

    /** The stream id from the record's keys, available even when the image is unreadable. */
    public static Optional<String> streamIdOf(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            return Optional.empty();
        }
        AttributeValue key = record.getDynamodb().getKeys().get("streamId");
        return key == null ? Optional.empty() : Optional.ofNullable(key.getS());
    }

    /**
     * The eventId of the record's new image, when it has one (a MODIFY does, a REMOVE does not): stored,
     * or derived from the image when it decodes.
     */
    public static Optional<String> eventIdOf(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        try {
            return Optional.of(EventItemFormat.read(item(image)).eventId());
        } catch (IllegalArgumentException undecodable) {
            return optionalText(image, "eventId");
        }
    }

    /** The event's version from the record's keys, available even when the image is unreadable. */
    public static Optional<Long> versionOf(DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
            return Optional.empty();
        }
        AttributeValue key = record.getDynamodb().getKeys().get("version");
        try {
            return key == null || key.getN() == null ? Optional.empty() : Optional.of(Long.parseLong(key.getN()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> optionalText(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.getS());
    }
}
