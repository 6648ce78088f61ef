package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.streams.SliceOutcome.Completed;
import dev.eventline.streams.SliceOutcome.Failed;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one stream of a batch asks of an {@link OrderedConsumer}: the events after its checkpoint,
 * one per version, ascending and without holes (delivered, or repaired from the events table), and,
 * when they end before the last delivered version, why.
 *
 * @param duplicates delivered events at or below the checkpoint, or delivered twice
 * @param repaired   versions among {@code events} read from the events table rather than delivered
 * @param stop       why {@code events} end early (an event that cannot be read, a failed read), or null
 */
public record StreamWork<S>(
        StreamSlice slice,
        Checkpoint<S> checkpoint,
        List<RecordedEvent> events,
        int duplicates,
        Set<Long> repaired,
        RuntimeException stop) {

    public StreamWork {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(checkpoint, "checkpoint");
        events = List.copyOf(events);
        repaired = Set.copyOf(repaired);
    }

    public String streamId() {
        return slice.streamId();
    }

    /** The version the stream reaches once every event is applied. */
    public long lastVersion() {
        return events.isEmpty() ? checkpoint.version() : events.getLast().version();
    }

    /** The consumer applied every event: the stream is done, unless the events stopped early. */
    public SliceOutcome completed() {
        return stop == null ? new Completed(slice, lastVersion()) : new Failed(slice, lastVersion(), stop);
    }

    /** The consumer got as far as {@code appliedVersion} and then failed. */
    public SliceOutcome failed(long appliedVersion, RuntimeException cause) {
        return new Failed(slice, appliedVersion, Objects.requireNonNull(cause, "cause"));
    }

    /** Repaired events at or below {@code version}: those a consumer that got there really applied. */
    public int repairedUpTo(long version) {
        return (int) repaired.stream().filter(v -> v <= version).count();
    }
}
