package dev.eventline.eventstore;

import java.util.List;

/** The outcome of executing a command against a stream. */
public sealed interface CommandResult<S> {

    /**
     * The command was decided and its events (possibly none: already satisfied) are stored.
     *
     * @param version the stream version after the command; the consistency token's position
     */
    record Executed<S>(String streamId, long version, List<RecordedEvent> newEvents, S state, LoadInfo load)
            implements CommandResult<S> {
        public Executed {
            newEvents = List.copyOf(newEvents);
        }
    }

    /** A retry of an idempotent request: the first response, nothing appended this time. */
    record Replayed<S>(IdempotencyRecord record) implements CommandResult<S> {}

    /**
     * How the state was obtained, for metrics and benchmarks.
     *
     * @param source     where the state came from before the command was decided
     * @param eventsRead how many events were read from the store for this command
     * @param attempts   decide/append attempts (1 without conflicts)
     */
    record LoadInfo(Source source, int eventsRead, int attempts) {
        public enum Source {
            CACHE,
            SNAPSHOT,
            REPLAY,
            /** Nothing read: a command that opens a new stream under a generated id. */
            NONE
        }
    }
}
