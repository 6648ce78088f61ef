package dev.eventline.ordering.application;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandExecutor;
import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.ExpectedVersionMismatchException;
import dev.eventline.eventstore.Idempotency;
import dev.eventline.eventstore.IdempotencyKeyReusedException;
import dev.eventline.eventstore.StreamId;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
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

    private final CommandExecutor<OrderCommand, OrderEvent, OrderState> executor;

    public OrderCommands(CommandExecutor<OrderCommand, OrderEvent, OrderState> executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The default configuration: no snapshots (orders are short streams), the executor's cache and retries. */
    public static OrderCommands create(EventStore store, Clock clock) {
        return create(store, clock, ConflictRetries.DEFAULT);
    }

    /**
     * The default configuration with the function's retry budget for lost races. An order is placed
     * under an id the service generates (random, or derived from the Idempotency-Key), so placing one
     * writes without reading first.
     */
    public static OrderCommands create(EventStore store, Clock clock, ConflictRetries retries) {
        return new OrderCommands(CommandExecutor.builder(store, OrderDecider.INSTANCE, new OrderEventCodec())
                .clock(clock)
                .conflictRetries(retries)
                .opensNewStream(command -> command instanceof PlaceOrder)
                .build());
    }

    /** @throws IllegalArgumentException when {@code orderId} is not a valid stream id part */
    public static String streamId(String orderId) {
        return new StreamId(CATEGORY, orderId).value();
    }

    /**
     * @throws dev.eventline.domain.RuleViolation             a business rule refused the command
     * @throws ExpectedVersionMismatchException               {@code expectation} named another version
     * @throws dev.eventline.eventstore.ConcurrencyRetriesExhaustedException every attempt within the retry budget lost a race
     * @throws IdempotencyKeyReusedException                  the key was used for a different request
     */
    public CommandResult<OrderState> handle(
            OrderCommand command,
            CommandContext context,
            Expectation expectation,
            Optional<Idempotency<OrderState>> idempotency) {
        return executor.execute(streamId(command.orderId()), command, context, expectation, idempotency);
    }
}
