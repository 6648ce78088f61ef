package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.streams.VersionCheck.VersionRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns what Lambda delivered for one stream into what an ordered consumer must apply, reading
 * nothing unless the batch has a gap.
 *
 * <ol>
 *   <li>Delivered events at or below the checkpoint, or delivered twice, are duplicates.</li>
 *   <li>Versions missing between the checkpoint and a delivered event are read from the events
 *       table (one query per hole), so out-of-order, split or partially redelivered batches all
 *       converge on an in-order delivery.</li>
 *   <li>The events stop before the first one known to be broken (an image that is not an event, an
 *       item that does not read) or that could not be read: nothing after it may be applied.</li>
 * </ol>
 */
final class StreamSequencer {
    /**
     * Repaired versions per stream per batch. A consumer deployed long after its stream began (or
     * one far behind) catches up this many events per invocation instead of reading its whole
     * history at once; the rest comes with the retry, from the new checkpoint.
     */
    static final int MAX_REPAIRED = 1_000;

    private final GapReader gaps;

    StreamSequencer(GapReader gaps) {
        this.gaps = gaps;
    }

    <S> StreamWork<S> sequence(StreamSlice slice, Checkpoint<S> checkpoint) {
        long stored = checkpoint.version();
        VersionCheck check = VersionCheck.of(stored, slice.events());
        TreeMap<Long, RecordedEvent> toApply = new TreeMap<>();
        check.fresh().forEach(e -> toApply.put(e.version(), e));

        RuntimeException failure = firstUndecodable(slice, stored).orElse(null);
        long stopAt = failure instanceof UnprocessableEventException u ? u.version() : Long.MAX_VALUE;
        Set<Long> repaired = new HashSet<>();
        for (VersionRange missing : check.missing()) {
            if (missing.from() >= stopAt) {
                break;
            }
            long to = Math.min(missing.to(), stopAt - 1);
            if (repaired.size() + (to - missing.from() + 1) > MAX_REPAIRED) {
                to = missing.from() + (MAX_REPAIRED - repaired.size()) - 1;
                failure = new IllegalStateException(slice.streamId() + " is missing more than " + MAX_REPAIRED
                        + " versions; the rest is repaired on the retry, from version " + (to + 1));
                stopAt = to + 1;
                if (to < missing.from()) {
                    break;
                }
            }
            VersionRange wanted = new VersionRange(missing.from(), to);
            try {
                GapReader.GapRead read = gaps.read(slice.streamId(), wanted);
                read.events().forEach(e -> {
                    toApply.put(e.version(), e);
                    repaired.add(e.version());
                });
                if (read.unreadable().isPresent()) {
                    failure = read.unreadable().get();
                    stopAt = read.unreadable().get().version();
                }
            } catch (RuntimeException transientFailure) {
                failure = transientFailure;
                stopAt = wanted.from();
            }
        }
        return work(
                slice,
                checkpoint,
                toApply.headMap(stopAt).values(),
                check.duplicates().size(),
                repaired,
                failure);
    }

    /** For a redrive: the next {@code limit} events after the checkpoint, as the events table holds them. */
    <S> StreamWork<S> next(String streamId, Checkpoint<S> checkpoint, int limit) {
        GapReader.GapRead read =
                gaps.readUpTo(streamId, new VersionRange(checkpoint.version() + 1, checkpoint.version() + limit));
        Set<Long> versions = new HashSet<>();
        read.events().forEach(e -> versions.add(e.version()));
        return work(
                new StreamSlice(streamId, List.of()),
                checkpoint,
                read.events(),
                0,
                versions,
                read.unreadable().orElse(null));
    }

    /** The run of versions from the checkpoint on; a hole can only follow a failure, which says why. */
    private static <S> StreamWork<S> work(
            StreamSlice slice,
            Checkpoint<S> checkpoint,
            Iterable<RecordedEvent> candidates,
            int duplicates,
            Set<Long> repaired,
            RuntimeException failure) {
        List<RecordedEvent> events = new ArrayList<>();
        long expected = checkpoint.version() + 1;
        for (RecordedEvent event : candidates) {
            if (event.version() != expected) {
                break;
            }
            events.add(event);
            expected++;
        }
        long reached = expected - 1;
        Set<Long> included = new HashSet<>(repaired);
        included.removeIf(v -> v > reached);
        return new StreamWork<>(slice, checkpoint, events, duplicates, included, failure);
    }

    /** A delivered record above the checkpoint whose image is not an event: nothing may go past it. */
    private static Optional<RuntimeException> firstUndecodable(StreamSlice slice, long stored) {
        return slice.undecodable().stream()
                .filter(d -> d.version().map(v -> v > stored).orElse(true))
                .min(Comparator.comparingLong(d -> d.version().orElse(stored + 1)))
                .map(d -> new UnprocessableEventException(
                        slice.streamId(), d.version().orElse(stored + 1), null, d.failure()));
    }
}
