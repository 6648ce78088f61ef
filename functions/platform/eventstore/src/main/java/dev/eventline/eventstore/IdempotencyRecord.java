package dev.eventline.eventstore;

import java.time.Instant;
import java.util.Objects;

/**
 * The remembered outcome of a command sent with an idempotency key. It is written in the same
 * atomic write as the command's events, so "events appended" and "response remembered" cannot
 * diverge, and a racing duplicate loses on the key's condition rather than appending twice.
 *
 * @param key                the client's key, scoped by the caller (e.g. {@code ordering:<key>})
 * @param requestFingerprint a hash of what the request asked for; the same key with another
 *                           fingerprint is a client error, not a replay
 * @param response           the serialized response to replay
 * @param expiresAt          after this the key may be reused (DynamoDB TTL deletes it eventually)
 */
public record IdempotencyRecord(String key, String requestFingerprint, String response, Instant expiresAt) {
    public IdempotencyRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
