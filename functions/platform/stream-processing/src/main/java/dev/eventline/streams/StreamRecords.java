package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.format.EventItemFormat;
import dev.eventline.lambda.events.ChangeRecord;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    public static boolean isSnapshot(ChangeRecord record) {
        if (record.dynamodb() == null || !record.dynamodb().hasKeys()) {
            return false;
        }
        AttributeValue key = record.dynamodb().keys().get(EventItemFormat.VERSION);
        return key != null && EventItemFormat.isSnapshotPosition(key.n());
    }

    /** Only inserts carry new events; the store never modifies or removes an event item. */
    public static boolean isNewEvent(ChangeRecord record) {
        return "INSERT".equals(record.eventName())
                && record.dynamodb() != null
                && record.dynamodb().hasNewImage();
    }

    /** @throws IllegalArgumentException when the image is not an event item (a poison record) */
    public static RecordedEvent toRecordedEvent(ChangeRecord record) {
        if (!isNewEvent(record)) {
            throw new IllegalArgumentException(
                    "stream record " + sequenceNumber(record) + " is not an inserted event item");
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
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
                return value == null ? null : value.s();
            }

            @Override
            public String number(String name) {
                AttributeValue value = image.get(name);
                return value == null ? null : value.n();
            }
        };
    }

    public static String sequenceNumber(ChangeRecord record) {
        return record.dynamodb() == null ? "?" : record.dynamodb().sequenceNumber();
    }

    /** The stream id from the record's keys, available even when the image is unreadable. */
    public static Optional<String> streamIdOf(ChangeRecord record) {
        if (record.dynamodb() == null || !record.dynamodb().hasKeys()) {
            return Optional.empty();
        }
        AttributeValue key = record.dynamodb().keys().get("streamId");
        return key == null ? Optional.empty() : Optional.ofNullable(key.s());
    }

    /**
     * The eventId of the record's new image, when it has one (a MODIFY does, a REMOVE does not): stored,
     * or derived from the image when it decodes.
     */
    public static Optional<String> eventIdOf(ChangeRecord record) {
        if (record.dynamodb() == null || !record.dynamodb().hasNewImage()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
        try {
            return Optional.of(EventItemFormat.read(item(image)).eventId());
        } catch (IllegalArgumentException undecodable) {
            return optionalText(image, "eventId");
        }
    }

    /** The event's version from the record's keys, available even when the image is unreadable. */
    public static Optional<Long> versionOf(ChangeRecord record) {
        if (record.dynamodb() == null || !record.dynamodb().hasKeys()) {
            return Optional.empty();
        }
        AttributeValue key = record.dynamodb().keys().get("version");
        try {
            return key == null || key.n() == null ? Optional.empty() : Optional.of(Long.parseLong(key.n()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> optionalText(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.s());
    }
}
