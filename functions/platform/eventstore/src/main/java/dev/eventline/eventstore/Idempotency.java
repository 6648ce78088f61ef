package dev.eventline.eventstore;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes one command execution idempotent under a client-chosen key.
 *
 * @param key         already scoped by the caller (e.g. {@code ordering:<Idempotency-Key>})
 * @param fingerprint a hash of the request; a reused key with another fingerprint is refused
 * @param ttl         how long the key is remembered (24 h for the HTTP APIs)
 * @param response    renders the response to remember, from the outcome about to be committed
 */
public record Idempotency<S>(
        String key, String fingerprint, Duration ttl, Function<CommandResult.Executed<S>, String> response) {
    public Idempotency {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(response, "response");
    }
}
