package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import java.util.List;
import java.util.Optional;

/**
 * The records of one stream within a batch, in batch order. Streams are independent: one slice
 * failing never holds back another.
 */
public record StreamSlice(String streamId, List<Delivery> deliveries) {
    public StreamSlice {
        deliveries = List.copyOf(deliveries);
    }

    /** The decoded events, in batch order (possibly out of version order, possibly repeated). */
    public List<RecordedEvent> events() {
        return deliveries.stream()
                .filter(Delivery::isDecoded)
                .map(Delivery::event)
                .toList();
    }

    /** Records whose image could not be decoded, in batch order. */
    public List<Delivery> undecodable() {
        return deliveries.stream().filter(d -> !d.isDecoded()).toList();
    }

    /**
     * Where Lambda must resume for this stream when it could not get past {@code appliedVersion}: the
     * first record in batch order that is not yet applied. Empty when every record is applied.
     */
    public Optional<Delivery> firstNotAppliedAfter(long appliedVersion) {
        return deliveries.stream()
                .filter(d -> d.version().map(v -> v > appliedVersion).orElse(true))
                .findFirst();
    }

    /** The record that carried {@code version}, if it is in this batch. */
    public Optional<Delivery> deliveryOf(long version) {
        return deliveries.stream()
                .filter(d -> d.version().map(v -> v == version).orElse(false))
                .findFirst();
    }

    /** The latest event in the batch (its metadata stands for the slice in logs and traces). */
    public Optional<RecordedEvent> latestEvent() {
        return events().stream().max(java.util.Comparator.comparingLong(RecordedEvent::version));
    }
}
