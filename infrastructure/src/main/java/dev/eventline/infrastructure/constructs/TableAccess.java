package dev.eventline.infrastructure.constructs;

import java.util.List;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.IGrantable;

/**
 * The ways a function may use a table, each an explicit list of DynamoDB actions granted on that
 * table's ARN only. {@link #APPEND} is how an event store is written: no action of it can change
 * or remove an event once written.
 */
public enum TableAccess {
    /**
     * New items only: PutItem (conditional), ConditionCheckItem (so TransactWriteItems can combine
     * a conditional put of events with the idempotency record), and reads. Never UpdateItem or DeleteItem.
     */
    APPEND("dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query"),
    /** Point reads, queries and scans: a job that walks a whole table (the consistency verifier). */
    SCAN_AND_READ("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:Query"),
    /** Point reads and queries. */
    READ("dynamodb:GetItem", "dynamodb:Query"),
    /** Replace whole items by key and read them back (snapshots). */
    PUT_AND_GET("dynamodb:PutItem", "dynamodb:GetItem"),
    /**
     * What a projector needs for the read models it owns: conditional puts, conditional updates
     * (counters) in transactions, and point reads. No DeleteItem or BatchWriteItem: a projection only
     * ever moves an item forward.
     */
    PROJECT("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"),
    /** Full item maintenance, for read models owned by the grantee. */
    READ_WRITE(
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem");

    private final List<String> actions;

    TableAccess(String... actions) {
        this.actions = List.of(actions);
    }

    public List<String> actions() {
        return actions;
    }

    public void grant(ITable table, IGrantable grantee) {
        table.grant(grantee, actions.toArray(String[]::new));
    }
}
