package dev.eventline.infrastructure.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * An append-only event store: one item per event, keyed by stream ({@code streamId}) and position
 * in it ({@code version}, a number), with a NEW_IMAGE stream feeding projectors and publishers.
 * Writers get {@link TableAccess#APPEND} only: an event, once written, is never updated or deleted.
 */
public final class EventStoreTable extends Construct {

    public static final String PARTITION_KEY = "streamId";
    public static final String SORT_KEY = "version";

    private final Table table;

    public EventStoreTable(Construct scope, String id, Props props) {
        super(scope, id);
        this.table = DurableTable.create(
                this,
                props.tableName(),
                Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build(),
                Attribute.builder().name(SORT_KEY).type(AttributeType.NUMBER).build(),
                null,
                StreamViewType.NEW_IMAGE,
                new DurableTable.Durability(props.removalPolicy(), props.deletionProtection()));
    }

    public ITable table() {
        return table;
    }

    /** Appends events: conditional PutItem and ConditionCheckItem (TransactWriteItems), GetItem, Query. */
    public void grantAppend(IGrantable grantee) {
        TableAccess.APPEND.grant(table, grantee);
    }

    /** Reads events: GetItem, Query. */
    public void grantRead(IGrantable grantee) {
        TableAccess.READ.grant(table, grantee);
    }

    /**
     * @param tableName          physical table name (required)
     * @param removalPolicy      default RETAIN
     * @param deletionProtection default true
     */
    public record Props(String tableName, RemovalPolicy removalPolicy, boolean deletionProtection) {
        public Props {
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String tableName;
            private RemovalPolicy removalPolicy = DurableTable.Durability.PROTECTED.removalPolicy();
            private boolean deletionProtection = DurableTable.Durability.PROTECTED.deletionProtection();

            public Builder tableName(String tableName) {
                this.tableName = tableName;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy removalPolicy) {
                this.removalPolicy = removalPolicy;
                return this;
            }

            public Builder deletionProtection(boolean deletionProtection) {
                this.deletionProtection = deletionProtection;
                return this;
            }

            public Props build() {
                return new Props(tableName, removalPolicy, deletionProtection);
            }
        }
    }
}
