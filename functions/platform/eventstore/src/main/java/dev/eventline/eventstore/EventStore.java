package dev.eventline.eventstore;

/**
 * The whole event store port, as the command executor needs it. Append-only: there is deliberately
 * no update or delete. Consumers that only read take an {@link EventReader}.
 * Implementations: {@link InMemoryEventStore} (reference and test double) and the DynamoDB store;
 * both pass the same contract suite ({@code eventstore-testkit}).
 */
public interface EventStore extends EventReader, EventAppender, IdempotencyRecords {}
