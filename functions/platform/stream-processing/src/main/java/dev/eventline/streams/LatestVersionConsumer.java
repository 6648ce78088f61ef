package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import java.util.List;

/**
 * A consumer that needs only to know how far each stream has got, not its events (the snapshot
 * chaser reads what it needs from the events table itself): the runtime tells it, per stream in
 * a batch, the highest version delivered.
 */
@FunctionalInterface
public interface LatestVersionConsumer {

    /**
     * @throws UnprocessableEventException when no retry can help (the records are then parked)
     * @throws RuntimeException            any other failure is transient: the stream is retried
     */
    void reached(String streamId, long version);

    /**
     * As {@link #reached(String, long)}, with the stream's events of the batch that decoded (a
     * consumer that traces links its span to the commands that recorded them); a redrive has none.
     */
    default void reached(String streamId, long version, List<RecordedEvent> events) {
        reached(streamId, version);
    }
}
