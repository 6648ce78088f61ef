package dev.eventline.streams;

/**
 * Redrive by stream position rather than by shard coordinates: brings a stream up to at least
 * {@code version} from the events table, in order, however old the event is. Implemented by every
 * stream handler; the local redrive tool calls it for parked records.
 */
public interface StreamRedrive {

    /**
     * @return {@link SliceOutcome.Completed} with the version the stream reached, or
     *         {@link SliceOutcome.Failed} with where it stopped and why
     */
    SliceOutcome redrive(String streamId, long version);
}
