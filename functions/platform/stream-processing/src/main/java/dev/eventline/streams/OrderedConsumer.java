package dev.eventline.streams;

import java.util.List;
import java.util.Optional;

/**
 * A consumer that applies every stream's events exactly once and in version order, from a
 * checkpoint of its own (the projector, the publisher). The runtime reads the checkpoints, skips
 * duplicates, repairs gaps from the events table and hands over each stream's events in order;
 * the consumer applies them and says how far each stream got.
 */
public interface OrderedConsumer<S> {

    /**
     * Where this consumer stands in a stream, read consistently: it must see the previous batch's
     * writes. Empty when the stream is not one this consumer handles (its records are then poison).
     *
     * @throws RuntimeException a transient failure: the stream is retried
     */
    Optional<Checkpoint<S>> checkpoint(String streamId);

    /**
     * Applies each stream's events in order, stops a stream at its first failure, saves each
     * stream's new checkpoint, and answers one outcome per work item, in order
     * ({@link StreamWork#completed()} or {@link StreamWork#failed}). A failure that one event is to
     * blame for is an {@link UnprocessableEventException}; anything else is retried. Should not
     * throw: an exception retries the whole batch.
     */
    List<SliceOutcome> apply(List<StreamWork<S>> work);
}
