package dev.eventline.ordering.rebuild;

import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.util.List;
import java.util.Optional;

/**
 * The projections {@code eventline backfill} can fill from the log, declared here in code. A new
 * per-order projection is added to the projector (which then follows the stream from its deployment,
 * repairing each stream it meets from version 1) and declared here, so the streams that never move
 * again are filled too.
 */
public enum BackfilledProjection {
    /** A customer's orders, newest first (written by the projector with the summary). */
    ORDERS_BY_CUSTOMER("orders-by-customer") {
        @Override
        void write(ReadModelStore store, ReadModelTables tables, OrderStreamFold.Result folded) {
            folded.byCustomer().ifPresent(item -> store.save(tables, item));
        }
    };

    private final String name;

    BackfilledProjection(String name) {
        this.name = name;
    }

    public String projectionName() {
        return name;
    }

    abstract void write(ReadModelStore store, ReadModelTables tables, OrderStreamFold.Result folded);

    public static Optional<BackfilledProjection> named(String name) {
        return List.of(values()).stream().filter(p -> p.name.equals(name)).findFirst();
    }
}
