package dev.eventline.eventstore;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from where the event is stored and which command wrote it. A position
 * ({@code streamId}, {@code version}) is taken once, so the id is unique; the same event always has
 * the same id, so consumers deduplicate on it as before; and a store need not keep it, since it is
 * computed again from fields every event item holds.
 */
public final class EventIds {
    private EventIds() {}

    public static String derived(String streamId, long version, String commandId) {
        String name = streamId + '\n' + version + '\n' + commandId;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
