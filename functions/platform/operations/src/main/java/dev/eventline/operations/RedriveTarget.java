package dev.eventline.operations;

import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamRedrive;

/**
 * The consumer a redrive reapplies a stream through: brings {@code streamId} up to at least
 * {@code version} from the events table, in order, whatever the event's age. In process, a handler's
 * {@link StreamRedrive}; on AWS, {@link LambdaRedriveTarget}.
 */
public interface RedriveTarget {

    String name();

    Outcome redrive(String streamId, long version);

    sealed interface Outcome {
        /** The stream is at {@code reached} or beyond. */
        record Done(long reached) implements Outcome {}

        /** It stopped; the message stays in its queue. */
        record Failed(String why) implements Outcome {}
    }

    /** A handler running in this process (the local stack, tests). */
    static RedriveTarget inProcess(String name, StreamRedrive redrive) {
        return new RedriveTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Outcome redrive(String streamId, long version) {
                return switch (redrive.redrive(streamId, version)) {
                    case SliceOutcome.Completed done -> new Outcome.Done(done.appliedVersion());
                    case SliceOutcome.Failed failed ->
                        new Outcome.Failed("stopped at v" + failed.appliedVersion() + ": " + failed.cause());
                };
            }
        };
    }
}
