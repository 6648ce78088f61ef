package dev.eventline.ordering.readmodel;

import dev.eventline.ordering.OrderState;
import java.time.Instant;
import java.util.Objects;

/**
 * An order as the order-summary read model holds it: the full folded state, so the projector can
 * continue folding from it without replaying the stream, and the last applied stream version.
 *
 * @param projectedAt when the projector wrote it (read-model freshness, not business time)
 */
public record ProjectedOrder(OrderState state, long version, Instant projectedAt) {
    public ProjectedOrder {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(projectedAt, "projectedAt");
        if (version < 1) {
            throw new IllegalArgumentException(
                    "a projected order has applied at least one event, version was " + version);
        }
    }
}
