package dev.eventline.bench.jmh;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderEventCodec;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The projector's CPU per event: its slice folder is this {@link StreamFold} (the order codec and decider)
 * over a stream's new events from its checkpoint. Reported per event: one invocation folds a whole order.
 */
@State(Scope.Benchmark)
public class ProjectionFoldBenchmark {
    static final int EVENTS = 10;

    private StreamFold<OrderEvent, OrderState> fold;
    private List<RecordedEvent> order;

    @Setup
    public void setUp() {
        OrderEventCodec codec = new OrderEventCodec();
        fold = new StreamFold<>(codec, OrderDecider.INSTANCE);
        order = OrderStreams.recorded(codec);
        if (order.size() != EVENTS) {
            throw new IllegalStateException("expected a " + EVENTS + "-event order, got " + order.size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Folded<OrderState> fold_per_event() {
        return fold.fold(fold.initial(OrderStreams.ORDER_ID), order);
    }
}
