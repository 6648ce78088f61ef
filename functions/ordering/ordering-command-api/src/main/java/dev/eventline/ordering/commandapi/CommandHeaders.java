package dev.eventline.ordering.commandapi;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.Idempotency;
import dev.eventline.http.ETags;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.IdempotencyKeys;
import dev.eventline.http.StoredResponse;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the headers and envelope of a command request say about how to run it: which version it
 * expects ({@code If-Match}), whether it is idempotent ({@code Idempotency-Key}) and where it comes
 * from (the {@link CommandContext} copied into every event's metadata).
 *
 * @param idempotencyKey the client's key, validated and scoped by context and caller (another caller's
 *                       same key is another key: it can neither be pre-claimed nor replay this one)
 * @param fingerprint    of method, path and canonical body; only computed with a key
 */
record CommandHeaders(Expectation expectation, Optional<String> idempotencyKey, Optional<String> fingerprint) {
    /** Keys of all contexts share one table, so each context prefixes its own. */
    static final String KEY_SCOPE = "ordering:";

    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

    /** @throws dev.eventline.http.ProblemException 400 for a malformed {@code If-Match} or {@code Idempotency-Key} */
    static CommandHeaders of(HttpRequest request) {
        Expectation expectation = ETags.parseIfMatch(request.header(ETags.IF_MATCH))
                .map(Expectation::exactly)
                .orElse(Expectation.any());
        Optional<String> key =
                IdempotencyKeys.fromHeader(request).map(k -> request.principal().scopedKey(KEY_SCOPE, k));
        return new CommandHeaders(expectation, key, key.map(k -> IdempotencyKeys.fingerprint(request)));
    }

    /**
     * With a key, the command id is derived from key and fingerprint: racing duplicates of one
     * request then carry the same command id, which is what it identifies. Without one, every
     * request is a new command.
     */
    CommandContext context(HttpRequest request, Instant now) {
        String commandId = idempotencyKey.isPresent()
                ? derivedId("command")
                : UUID.randomUUID().toString();
        // read per invocation: the request's span (or Lambda's trace header), which every later hop links to
        String traceId = Tracing.currentTraceHeader().orElse(null);
        return new CommandContext(commandId, request.correlationId(), commandId, traceId, request.actor(), now);
    }

    /**
     * The id for an order the client did not name. With a key it is derived from key and request,
     * so every attempt of one create addresses the same order: racing duplicates meet on the same
     * stream position, and a retry after the key expired finds the order already placed (the
     * decider then records nothing) instead of placing a second one.
     */
    String newOrderId(Supplier<String> random) {
        return idempotencyKey.isPresent() ? derivedId("order") : random.get();
    }

    private String derivedId(String purpose) {
        String name = purpose + "\n" + idempotencyKey.orElseThrow() + "\n" + fingerprint.orElseThrow();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Remembers {@code render}'s response in the same write as the events, so a retry gets the
     * very response of the first attempt (replayed by {@link CommandResponses#of}).
     */
    Optional<Idempotency<OrderState>> idempotency(Function<Executed<OrderState>, HttpResponse> render) {
        return idempotencyKey.map(key -> new Idempotency<>(
                key,
                fingerprint.orElseThrow(),
                IDEMPOTENCY_TTL,
                executed -> StoredResponse.serialize(render.apply(executed))));
    }
}
