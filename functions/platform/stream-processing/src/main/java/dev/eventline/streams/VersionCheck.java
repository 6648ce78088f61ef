package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Classifies a stream's delivered events against the version a consumer last applied:
 * duplicates (at or below it, or delivered twice), new events in version order, and the versions
 * missing in between (a gap: an earlier delivery failed, was split off, or arrives later).
 *
 * @param lastApplied the consumer's checkpoint for the stream (0: nothing applied yet)
 * @param duplicates  delivered events already applied or repeated within the batch
 * @param fresh       the new events, one per version, ascending
 * @param missing     versions above {@code lastApplied} and below the highest fresh version that were not delivered
 */
public record VersionCheck(
        long lastApplied, List<RecordedEvent> duplicates, List<RecordedEvent> fresh, List<VersionRange> missing) {

    public VersionCheck {
        duplicates = List.copyOf(duplicates);
        fresh = List.copyOf(fresh);
        missing = List.copyOf(missing);
    }

    /** Inclusive range of versions. */
    public record VersionRange(long from, long to) {
        public VersionRange {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("invalid version range " + from + ".." + to);
            }
        }

        public int size() {
            return Math.toIntExact(to - from + 1);
        }
    }

    public static VersionCheck of(long lastApplied, List<RecordedEvent> delivered) {
        List<RecordedEvent> duplicates = new ArrayList<>();
        TreeMap<Long, RecordedEvent> fresh = new TreeMap<>();
        for (RecordedEvent event : delivered) {
            if (event.version() <= lastApplied || fresh.putIfAbsent(event.version(), event) != null) {
                duplicates.add(event);
            }
        }
        List<VersionRange> missing = new ArrayList<>();
        long expected = lastApplied + 1;
        for (long version : fresh.keySet()) {
            if (version > expected) {
                missing.add(new VersionRange(expected, version - 1));
            }
            expected = version + 1;
        }
        return new VersionCheck(lastApplied, duplicates, List.copyOf(fresh.values()), missing);
    }

    public boolean hasGaps() {
        return !missing.isEmpty();
    }

    public int missingCount() {
        return missing.stream().mapToInt(VersionRange::size).sum();
    }
}
