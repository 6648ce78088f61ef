package dev.eventline.eventstore.snapshot;

import dev.eventline.eventstore.RecordedEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Snapshots kept in the stream itself, beside the events: one read from the head of a stream returns
 * the newest snapshot and every event after it. A loader that finds its snapshot store is one of these
 * loads in one request (when the snapshot is within a page of the head) instead of a snapshot read and
 * a tail read.
 */
public interface CoLocatedSnapshots extends SnapshotStore {

    /**
     * Reads back from the head of {@code streamId}, {@code pageSize} items a request, until the newest
     * snapshot or the start of the stream.
     *
     * @param consistent false for an eventually consistent read (half the cost; the newest events may
     *                   be missing, see {@link dev.eventline.eventstore.EventReader#readAfterPossiblyStale})
     */
    Head readHead(String streamId, int pageSize, boolean consistent);

    /**
     * The head of a stream.
     *
     * @param snapshot    the newest snapshot item met, if any (not yet checked for usability)
     * @param eventsAfter the events after it (after nothing: the whole stream), oldest first
     */
    record Head(Optional<Snapshot> snapshot, List<RecordedEvent> eventsAfter) {
        public Head {
            Objects.requireNonNull(snapshot, "snapshot");
            eventsAfter = List.copyOf(eventsAfter);
        }
    }
}
