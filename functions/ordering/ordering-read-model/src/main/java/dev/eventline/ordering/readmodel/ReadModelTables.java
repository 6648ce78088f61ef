package dev.eventline.ordering.readmodel;

import dev.eventline.lambda.LambdaEnvironment;

/** The read-model table names, from the function's environment. */
public record ReadModelTables(String orderSummary, String ordersByCustomer, String dailySales) {

    public static ReadModelTables fromEnvironment(LambdaEnvironment env) {
        return new ReadModelTables(
                env.require("ORDER_SUMMARY_TABLE"),
                env.require("ORDERS_BY_CUSTOMER_TABLE"),
                env.require("DAILY_SALES_TABLE"));
    }

    /**
     * The tables of a generation of the per-order read models (order summary and orders by
     * customer). Generation 1 is the tables the template declares, so a deployment that never
     * rebuilt reads exactly what it always did; generation n > 1 adds {@code -g<n>} to both names.
     * Daily sales are counters, not per-order versions, so they keep one table (see
     * docs/operations.md, "Rebuild a read model").
     */
    public ReadModelTables generation(long generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("generations start at 1, was " + generation);
        }
        return generation == 1
                ? this
                : new ReadModelTables(
                        orderSummary + "-g" + generation, ordersByCustomer + "-g" + generation, dailySales);
    }
}
