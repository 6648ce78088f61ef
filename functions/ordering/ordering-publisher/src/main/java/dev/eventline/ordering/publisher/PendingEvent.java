package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import java.util.Optional;

/**
 * A stream record waiting to be published, in batch order. {@code event} is empty for a record
 * that could not be read as an event (a poison record): it is reported, never skipped.
 */
record PendingEvent(int position, String sequenceNumber, String streamId, Optional<RecordedEvent> event) {
}
