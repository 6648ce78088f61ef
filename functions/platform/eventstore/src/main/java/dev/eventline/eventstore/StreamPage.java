package dev.eventline.eventstore;

import java.util.List;

/**
 * A page of a stream. {@code hasMore} is true when events exist past the last one returned;
 * continue with {@code readPage(streamId, lastVersion(), limit)}.
 */
public record StreamPage(String streamId, List<RecordedEvent> events, boolean hasMore) {
    public StreamPage {
        events = List.copyOf(events);
    }

    public long lastVersion(long afterVersion) {
        return events.isEmpty() ? afterVersion : events.getLast().version();
    }
}
