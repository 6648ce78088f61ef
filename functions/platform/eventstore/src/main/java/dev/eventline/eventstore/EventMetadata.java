package dev.eventline.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * Who and what caused an event. Travels with the event forever so that any consumer, years later,
 * can follow a business transaction end to end (correlation) and step by step (causation).
 *
 * @param commandId     the command that produced the event (also the idempotency anchor)
 * @param correlationId the end-to-end request identifier, shared by everything one request causes
 * @param causationId   the message that directly caused this event (the command, or an upstream event)
 * @param traceId       the X-Ray trace header at the time of the command, when there was one
 * @param actor         the authenticated principal, or {@code anonymous}
 * @param occurredAt    business time, as stated by the command
 */
public record EventMetadata(
        String commandId, String correlationId, String causationId, String traceId, String actor, Instant occurredAt) {

    public EventMetadata {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
