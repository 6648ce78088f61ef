package dev.eventline.ordering;

import static dev.eventline.ordering.Orders.*;

import dev.eventline.domain.testkit.DeciderProperties;
import dev.eventline.domain.testkit.DeciderSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Deciding an order command twice changes nothing, and evolve accepts every event decided, on
 * arbitrary orders built by deciding commands (the properties are in {@link DeciderProperties}).
 */
class OrderDeciderPropertiesTest extends DeciderProperties<OrderCommand, OrderEvent, OrderState> {

    /** One price per SKU, as in a shop's catalogue; a line a cent off meets UNIT_PRICE_MISMATCH. */
    private static final Map<String, Long> PRICES = Map.of("WIDGET", 1_500L, "GADGET", 2_500L, "BOLT", 25L);
    /** In a fixed order: a seed must reproduce the same draws in another JVM, and Map.of's order is per run. */
    private static final List<String> SKUS = List.of("WIDGET", "GADGET", "BOLT");

    /** A command as a client sends it after reading the order. */
    sealed interface Move extends Function<OrderState, OrderCommand> permits Send, PayTotal, RemoveLine, Proceed {}

    /** Most commands do not depend on what the client read. */
    record Send(OrderCommand command) implements Move {
        @Override
        public OrderCommand apply(OrderState order) {
            return command;
        }
    }

    /** A payment is for the total the client was shown (now and then a cent off). */
    record PayTotal(long off) implements Move {
        @Override
        public OrderCommand apply(OrderState order) {
            return capture(order.total() + off);
        }
    }

    /** Removes a line the client saw in the order (the {@code n}th, wrapping around), or an unknown SKU. */
    record RemoveLine(int n) implements Move {
        @Override
        public OrderCommand apply(OrderState order) {
            List<OrderLine> lines = order.lines();
            return lines.isEmpty()
                    ? remove("UNKNOWN")
                    : remove(lines.get(n % lines.size()).sku());
        }
    }

    /** The life cycle's next step for the order as read: place, confirm, pay, ship, deliver. */
    record Proceed() implements Move {
        @Override
        public OrderCommand apply(OrderState order) {
            return switch (order.status()) {
                case NONE -> place(WIDGETS, GADGET);
                case PLACED -> confirm();
                case CONFIRMED -> capture(order.total());
                case PAID -> ship();
                case SHIPPED, DELIVERED, CANCELLED -> deliver();
            };
        }
    }

    @Override
    protected DeciderSpec<OrderCommand, OrderEvent, OrderState> spec() {
        return OrderSpec.SPEC;
    }

    @Override
    protected Class<OrderCommand> commandType() {
        return OrderCommand.class;
    }

    /**
     * Adding an item is a change by an amount ({@link ItemAdded} records the quantity added, not the
     * line's new quantity): two equal adds are two more items, as a customer pressing "add" twice
     * means. A retried request is made harmless by its Idempotency-Key, not by the domain: the key is
     * written in the same transaction as the first request's events, so the retry's append loses on it
     * and the first response is replayed. Every other order command names the state it wants, so a
     * repeat finds it already there (or, for a removed item, refuses).
     */
    @Override
    protected boolean repeatable(OrderCommand command) {
        return command instanceof AddItem;
    }

    /**
     * Weighted towards the life cycle's next step, so that runs reach paid, shipped and delivered orders;
     * every command also comes on its own, in any state, with values the rules refuse now and then.
     */
    @Override
    protected Arbitrary<Move> moves() {
        return Arbitraries.frequencyOf(List.of(
                weighted(6, Arbitraries.just(new Proceed())),
                weighted(1, lines().list().ofMaxSize(3).map(items -> send(place(items)))),
                weighted(3, lines().map(line -> send(add(line.sku(), line.quantity(), line.unitPrice())))),
                weighted(3, Arbitraries.integers().between(0, 2).map(RemoveLine::new)),
                weighted(1, Arbitraries.just(send(confirm()))),
                weighted(1, oneIn(5, 1L, 0L).map(PayTotal::new)),
                weighted(1, oneIn(3, ship("UPS", "1Z999"), ship()).map(OrderDeciderPropertiesTest::send)),
                weighted(1, Arbitraries.just(send(deliver()))),
                weighted(1, Arbitraries.just(send(cancel())))));
    }

    private static Arbitrary<OrderLine> lines() {
        return Combinators.combine(Arbitraries.of(SKUS), Arbitraries.integers().between(1, 3), oneIn(10, 1L, 0L))
                .as((sku, quantity, off) -> line(sku, quantity, PRICES.get(sku) + off));
    }

    private static Move send(OrderCommand command) {
        return new Send(command);
    }

    /** {@code rare} once in {@code n} draws, {@code usual} otherwise. */
    private static <T> Arbitrary<T> oneIn(int n, T rare, T usual) {
        return Arbitraries.frequency(List.of(Tuple.of(1, rare), Tuple.of(n - 1, usual)));
    }

    private static Tuple2<Integer, Arbitrary<Move>> weighted(int weight, Arbitrary<? extends Move> moves) {
        return Tuple.of(weight, moves.map(Move.class::cast));
    }
}
