package dev.eventline.operations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The physical resources an operation works on, named by the caller: the CLI from the stacks' naming,
 * a function from its environment variables. Nothing here knows an environment.
 *
 * @param contexts        each bounded context's events table
 * @param consumers       every stream consumer, its checkpoint and its dead-letter queue
 * @param otherQueues     dead-letter queues fed by SQS or EventBridge rather than a stream consumer,
 *                        each with the queue it drains back into (when it has one)
 * @param eventBus        the bus the publisher puts events on
 * @param eventArchive    the bus's archive, for replays
 */
public record Resources(
        List<EventContext> contexts,
        List<Consumer> consumers,
        List<QueueDeadLetters> otherQueues,
        String eventBus,
        String eventArchive) {

    public Resources {
        contexts = List.copyOf(contexts);
        consumers = List.copyOf(consumers);
        otherQueues = List.copyOf(otherQueues);
        Objects.requireNonNull(eventBus, "eventBus");
        Objects.requireNonNull(eventArchive, "eventArchive");
    }

    /** A context's stream category (the part of a stream id before the first {@code -}) and events table. */
    public record EventContext(String name, String category, String eventsTable) {
        public EventContext {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(eventsTable, "eventsTable");
        }
    }

    /**
     * A stream consumer.
     *
     * @param function        its function name (what a redrive on AWS invokes)
     * @param context         the context whose events table feeds it
     * @param checkpoint      where it keeps how far each stream got; empty for a consumer that only acts
     *                        on the latest version (the snapshot chaser)
     * @param deadLetterQueue its dead-letter queue: parked records and the mapping's on-failure messages
     */
    public record Consumer(String function, String context, Optional<Checkpoint> checkpoint, String deadLetterQueue) {
        public Consumer {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(checkpoint, "checkpoint");
            Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        }
    }

    /**
     * A per-stream checkpoint: item {@code keyAttribute = streamId minus keyPrefix} of {@code table}
     * holds the last version applied in {@code versionAttribute}.
     */
    public record Checkpoint(String table, String keyAttribute, String keyPrefix, String versionAttribute) {
        public Checkpoint {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(keyAttribute, "keyAttribute");
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            Objects.requireNonNull(versionAttribute, "versionAttribute");
        }

        /** The checkpoint item's key for a stream, or empty when the stream is not this consumer's. */
        public Optional<String> keyOf(String streamId) {
            return streamId.startsWith(keyPrefix)
                    ? Optional.of(streamId.substring(keyPrefix.length()))
                    : Optional.empty();
        }
    }

    /** A dead-letter queue of an SQS queue or an EventBridge rule target. */
    public record QueueDeadLetters(String queue, Optional<String> drainsInto, String purpose) {
        public QueueDeadLetters {
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(drainsInto, "drainsInto");
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    public Optional<EventContext> contextOfStream(String streamId) {
        int dash = streamId.indexOf('-');
        String category = dash < 0 ? streamId : streamId.substring(0, dash);
        return contexts.stream().filter(c -> c.category().equals(category)).findFirst();
    }

    public Optional<EventContext> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<Consumer> consumerOfQueue(String queue) {
        return consumers.stream().filter(c -> c.deadLetterQueue().equals(queue)).findFirst();
    }

    public Optional<Consumer> consumer(String function) {
        return consumers.stream().filter(c -> c.function().equals(function)).findFirst();
    }

    /** Every dead-letter queue: the consumers' first, then the others. */
    public List<String> deadLetterQueues() {
        return java.util.stream.Stream.concat(
                        consumers.stream().map(Consumer::deadLetterQueue),
                        otherQueues.stream().map(QueueDeadLetters::queue))
                .distinct()
                .toList();
    }
}
