package dev.eventline.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a command comes from: copied into the metadata of every event it produces.
 * {@code traceId} may be null outside Lambda or when X-Ray is off.
 */
public record CommandContext(
        String commandId, String correlationId, String causationId, String traceId, String actor, Instant now) {

    public CommandContext {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(now, "now");
    }

    EventMetadata metadata() {
        return new EventMetadata(commandId, correlationId, causationId, traceId, actor, now);
    }
}
