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
}
