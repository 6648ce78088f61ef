package dev.eventline.ordering.application;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandExecutor;
import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.ExpectedVersionMismatchException;
import dev.eventline.eventstore.Idempotency;
import dev.eventline.eventstore.IdempotencyKeyReusedException;
import dev.eventline.eventstore.IdempotencyRecord;
import dev.eventline.eventstore.StreamId;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The order use cases: one command against one order's stream, {@code Order-<orderId>}, through
 * the shared executor (load, decide, append, retry on conflict). Adapters (the HTTP API, tests)
 * call {@link #handle}; stream names and the stored form of events stay in here.
 *
 * <p>One instance per process: the executor's state cache is what makes warm commands cheap.
 */
public final class OrderCommands {
    public static final String CATEGORY = "Order";

    private final EventStore store;
    private final CommandExecutor<OrderCommand, OrderEvent, OrderState> executor;

    public OrderCommands(EventStore store, CommandExecutor<OrderCommand, OrderEvent, OrderState> executor) {
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The default configuration: no snapshots (orders are short streams), the executor's cache and retries. */
    public static OrderCommands create(EventStore store, Clock clock) {
        return new OrderCommands(store, CommandExecutor.builder(store, OrderDecider.INSTANCE, new OrderEventCodec())
                .clock(clock)
                .build());
    }

    /** @throws IllegalArgumentException when {@code orderId} is not a valid stream id part */
    public static String streamId(String orderId) {
        return new StreamId(CATEGORY, orderId).value();
    }

    /**
     * @throws dev.eventline.domain.RuleViolation             a business rule refused the command
     * @throws ExpectedVersionMismatchException               {@code expectation} named another version
     * @throws dev.eventline.eventstore.ConcurrencyRetriesExhaustedException every attempt lost a race
     * @throws IdempotencyKeyReusedException                  the key was used for a different request
     */
    public CommandResult<OrderState> handle(OrderCommand command, CommandContext context, Expectation expectation,
                                            Optional<Idempotency<OrderState>> idempotency) {
        try {
            return executor.execute(streamId(command.orderId()), command, context, expectation, idempotency);
        } catch (ExpectedVersionMismatchException stale) {
            return replayOfConditionalRetry(idempotency).orElseThrow(() -> stale);
        }
    }

    /**
     * The executor checks {@code If-Match} before it looks at the idempotency key. A client retrying
     * a conditional request that did succeed (its response was lost) therefore finds the stream past
     * its If-Match version; it must get the first response back, not a 412.
     */
    private Optional<CommandResult<OrderState>> replayOfConditionalRetry(Optional<Idempotency<OrderState>> idempotency) {
        if (idempotency.isEmpty()) {
            return Optional.empty();
        }
        Idempotency<OrderState> requested = idempotency.get();
        Optional<IdempotencyRecord> existing = store.findIdempotencyRecord(requested.key());
        if (existing.isPresent() && !existing.get().requestFingerprint().equals(requested.fingerprint())) {
            throw new IdempotencyKeyReusedException(requested.key());
        }
        return existing.map(Replayed::new);
    }
}
