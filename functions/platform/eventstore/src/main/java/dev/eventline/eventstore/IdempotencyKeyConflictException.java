package dev.eventline.eventstore;

/**
 * An append carried an idempotency key that is already taken. Carries the remembered record so the
 * caller can replay the first response (same request) or refuse (different request).
 */
public final class IdempotencyKeyConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient IdempotencyRecord existing;

    public IdempotencyKeyConflictException(IdempotencyRecord existing) {
        super("idempotency key already used: " + existing.key(), null, false, false);
        this.existing = existing;
    }

    public IdempotencyRecord existing() {
        return existing;
    }
}
