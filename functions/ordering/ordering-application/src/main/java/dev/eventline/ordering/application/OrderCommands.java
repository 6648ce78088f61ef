package dev.eventline.ordering.application;

import dev.eventline.domain.Decider;
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
import java.util.List;
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

    private final CommandExecutor<Guarded, OrderEvent, OrderState> executor;

    private OrderCommands(CommandExecutor<Guarded, OrderEvent, OrderState> executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A command with the caller it is decided for. */
    record Guarded(OrderAccess access, OrderCommand command) {}

    /**
     * The order decider behind the caller's access check: the check runs on the very state each
     * decision is made on (cached, then fresh after a conflict), so no separate read is needed and
     * a refusal on a stale cache is re-checked like any rule.
     */
    private static final Decider<Guarded, OrderEvent, OrderState> GUARDED = new Decider<>() {
        @Override
        public OrderState initial() {
            return OrderDecider.INSTANCE.initial();
        }

        @Override
        public List<OrderEvent> decide(Guarded guarded, OrderState state) {
            guarded.access().requireOnOrder(guarded.command(), state);
            return OrderDecider.INSTANCE.decide(guarded.command(), state);
        }

        @Override
        public OrderState evolve(OrderState state, OrderEvent event) {
            return OrderDecider.INSTANCE.evolve(state, event);
        }
    };

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
        return new OrderCommands(CommandExecutor.builder(store, GUARDED, new OrderEventCodec())
                .clock(clock)
                .conflictRetries(retries)
                .opensNewStream(guarded -> guarded.command() instanceof PlaceOrder)
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
        return handle(command, OrderAccess.trusted(), context, expectation, idempotency);
    }

    /**
     * For a caller: someone else's order is refused as missing ({@code ORDER_NOT_FOUND}). The
     * command-level check ({@link OrderAccess#command}, 403) is the adapter's, before it calls this.
     */
    public CommandResult<OrderState> handle(
            OrderCommand command,
            OrderAccess access,
            CommandContext context,
            Expectation expectation,
            Optional<Idempotency<OrderState>> idempotency) {
        return executor.execute(
                streamId(command.orderId()), new Guarded(access, command), context, expectation, idempotency);
    }
}
