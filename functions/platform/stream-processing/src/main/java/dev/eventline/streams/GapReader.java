package dev.eventline.streams;

import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.streams.VersionCheck.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads the events a consumer is missing from the events table, the source of truth: with
 * {@code readPage} for exactly the wanted range, consistently, so a gap is repaired with one query.
 *
 * <p>An item that cannot be mapped to an event fails the whole page. The page is then re-read one
 * version at a time to name the broken version, so that failure is attributed to that event (and
 * eventually parked) instead of failing the stream anonymously forever.
 */
final class GapReader {
    /** The events read in order, up to the first unreadable one if there is one. */
    record GapRead(List<RecordedEvent> events, Optional<UnprocessableEventException> unreadable) {}

    private final EventReader store;

    GapReader(EventReader store) {
        this.store = store;
    }

    /**
     * A gap: every version of {@code range} must be in the table, since a later one was delivered.
     *
     * @throws RuntimeException a transient failure (the service), or a range the table does not hold
     */
    GapRead read(String streamId, VersionRange range) {
        GapRead read = readUpTo(streamId, range);
        if (read.unreadable().isEmpty()) {
            requireContiguous(streamId, range, read.events());
        }
        return read;
    }

    /**
     * Whatever the table holds of {@code range}: fewer events than asked means the stream ends there.
     * A store may return a short page ({@link StreamPage#hasMore()}): reading goes on from its end.
     */
    GapRead readUpTo(String streamId, VersionRange range) {
        List<RecordedEvent> events = new ArrayList<>();
        long after = range.from() - 1;
        while (after < range.to()) {
            StreamPage page;
            try {
                page = store.readPage(streamId, after, Math.toIntExact(range.to() - after));
            } catch (SdkException transientFailure) {
                throw transientFailure;
            } catch (RuntimeException unreadable) {
                GapRead located = locate(streamId, new VersionRange(after + 1, range.to()), unreadable);
                events.addAll(located.events());
                return new GapRead(events, located.unreadable());
            }
            events.addAll(page.events());
            if (page.events().isEmpty() || !page.hasMore()) {
                break;
            }
            after = page.lastVersion(after);
        }
        return new GapRead(events, Optional.empty());
    }

    private GapRead locate(String streamId, VersionRange range, RuntimeException pageFailure) {
        List<RecordedEvent> readable = new ArrayList<>();
        for (long version = range.from(); version <= range.to(); version++) {
            try {
                List<RecordedEvent> one =
                        store.readPage(streamId, version - 1, 1).events();
                if (one.isEmpty()) {
                    break;
                }
                readable.addAll(one);
            } catch (SdkException transientFailure) {
                throw transientFailure;
            } catch (RuntimeException unreadable) {
                return new GapRead(
                        readable, Optional.of(new UnprocessableEventException(streamId, version, null, unreadable)));
            }
        }
        throw pageFailure; // every version reads on its own: not an item problem after all
    }

    private static void requireContiguous(String streamId, VersionRange range, List<RecordedEvent> events) {
        long expected = range.from();
        for (RecordedEvent event : events) {
            if (event.version() != expected) {
                break;
            }
            expected++;
        }
        if (expected <= range.to()) {
            throw new IllegalStateException("events table has no version " + expected + " of " + streamId
                    + " although a later version was delivered");
        }
    }
}
