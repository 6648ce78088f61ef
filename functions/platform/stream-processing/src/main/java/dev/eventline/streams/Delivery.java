package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.events.ChangeRecord;
import java.util.Optional;

/**
 * One record of a batch at its position, decoded once. A record whose image is not a valid event
 * keeps its decoding failure instead: it is a poison candidate at the version its keys name.
 *
 * @param position index in the batch as Lambda delivered it (the shard's order)
 * @param event    the decoded event, or null when {@code failure} is set
 * @param failure  why the image could not be decoded, or null
 */
public record Delivery(int position, ChangeRecord record, RecordedEvent event, RuntimeException failure) {

    public static Delivery decode(int position, ChangeRecord record) {
        try {
            return new Delivery(position, record, StreamRecords.toRecordedEvent(record), null);
        } catch (RuntimeException e) {
            return new Delivery(position, record, null, e);
        }
    }

    public boolean isDecoded() {
        return event != null;
    }

    public String sequenceNumber() {
        return StreamRecords.sequenceNumber(record);
    }

    /** The stream version this record carries: from the event, else from the item's keys. */
    public Optional<Long> version() {
        return event != null ? Optional.of(event.version()) : StreamRecords.versionOf(record);
    }
}
