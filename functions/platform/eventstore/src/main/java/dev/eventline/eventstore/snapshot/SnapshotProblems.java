package dev.eventline.eventstore.snapshot;

/**
 * Where a load or an inline snapshot write reports what it did not let fail its caller: a snapshot
 * it had to ignore (unreadable, corrupt, of another state schema; the stream is replayed instead)
 * or one it could not write (the next cold load replays a longer tail). Snapshots are a cache, so
 * neither is an error to the command; the composition root decides who hears of them, usually the
 * function's log. A listener may throw to make the problem fail the load after all.
 */
@FunctionalInterface
public interface SnapshotProblems {

    /**
     * @param problem what happened, naming the version where there is one
     * @param cause   the failure behind it
     */
    void report(String streamId, String problem, RuntimeException cause);
}
