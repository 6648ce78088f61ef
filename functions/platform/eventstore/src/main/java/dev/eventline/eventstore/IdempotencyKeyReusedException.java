package dev.eventline.eventstore;

/** The idempotency key was first used for a different request; nothing was written. */
public final class IdempotencyKeyReusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public IdempotencyKeyReusedException(String key) {
        super("idempotency key was already used for a different request", null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
