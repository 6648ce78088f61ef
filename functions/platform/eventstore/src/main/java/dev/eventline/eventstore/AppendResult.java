package dev.eventline.eventstore;

import java.util.List;

/** What an append wrote: the new events with their versions, and the stream's version after it. */
public record AppendResult(String streamId, long version, List<RecordedEvent> events) {
    public AppendResult {
        events = List.copyOf(events);
    }
}
