package dev.eventline.eventstore.snapshot;

import java.util.List;
import java.util.Set;

/**
 * When the command path writes a snapshot inline. Chosen per aggregate type in code.
 * The chaser strategy is {@link #never()} here plus a stream-triggered function.
 */
@FunctionalInterface
public interface SnapshotPolicy {

    /**
     * @param lastSnapshotVersion version of the snapshot the state was loaded from (0 if none)
     * @param newVersion          stream version after the append
     * @param newEventTypes       types of the events just appended
     */
    boolean shouldSnapshot(long lastSnapshotVersion, long newVersion, List<String> newEventTypes);

    /** Count-based: keep at most {@code n} events between the latest snapshot and the head. */
    static SnapshotPolicy everyNEvents(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        return (last, version, types) -> version - last >= n;
    }

    /** Event-triggered: after business milestones (e.g. a statement period closing). */
    static SnapshotPolicy afterEventTypes(Set<String> types) {
        Set<String> triggers = Set.copyOf(types);
        return (last, version, newTypes) -> newTypes.stream().anyMatch(triggers::contains);
    }

    /** Never inline: snapshots come from the chaser, off the command path. */
    static SnapshotPolicy never() {
        return (last, version, types) -> false;
    }
}
