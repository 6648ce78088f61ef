package dev.eventline.eventstore;

import java.util.Optional;

/**
 * The responses remembered under idempotency keys (written by {@link EventAppender#append} in the
 * same atomic write as the events). Role interface of {@link EventStore}.
 */
public interface IdempotencyRecords {

    /** The idempotency record for a key, if one is live. */
    Optional<IdempotencyRecord> findIdempotencyRecord(String key);
}
