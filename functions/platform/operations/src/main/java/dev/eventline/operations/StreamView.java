package dev.eventline.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A stream as the events table holds it: its events with their metadata, and the state they fold to.
 *
 * @param context   the bounded context that owns the stream
 * @param head      the stream's last version (0: no event)
 * @param at        the version the state is folded to (the head unless asked for an earlier one)
 * @param events    the events up to {@code at}, at most {@link StreamInspector#MAX_EVENTS} of them (the
 *                  latest ones when there are more)
 * @param truncated whether earlier events were left out of {@code events} (the state still folds them)
 * @param state     the fold of the stream up to {@code at}
 */
public record StreamView(
        String streamId,
        String context,
        long head,
        long at,
        List<EventView> events,
        boolean truncated,
        StateView state) {

    public StreamView {
        events = List.copyOf(events);
    }

    public boolean exists() {
        return head > 0;
    }

    /** One event with its metadata; {@code data} is the stored JSON payload as stored (not upcast). */
    public record EventView(
            long version,
            String eventId,
            String type,
            int schemaVersion,
            JsonNode data,
            String commandId,
            String correlationId,
            String causationId,
            String traceId,
            String actor,
            Instant occurredAt,
            Instant recordedAt) {}

    /**
     * The fold of the stream.
     *
     * @param version   the version it reached
     * @param type      the state's type (its record name)
     * @param state     the state as JSON
     * @param stoppedAt when the fold could not go on: the event it stopped at and why (null otherwise)
     */
    public record StateView(long version, String type, JsonNode state, String stoppedAt) {}
}
