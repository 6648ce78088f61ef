package dev.eventline.infrastructure.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * Remembered command outcomes, keyed by {@code idempotencyKey}; DynamoDB TTL on {@code expiresAt}
 * forgets them. Written in the same transaction as the command's events.
 */
public final class IdempotencyTable extends Construct {

    public static final String PARTITION_KEY = "idempotencyKey";
    public static final String TIME_TO_LIVE_ATTRIBUTE = "expiresAt";

    private final Table table;

    public IdempotencyTable(Construct scope, String id, Props props) {
        super(scope, id);
        this.table = DurableTable.create(
                this,
                props.tableName(),
                Attribute.builder()
                        .name(PARTITION_KEY)
                        .type(AttributeType.STRING)
                        .build(),
                null,
                TIME_TO_LIVE_ATTRIBUTE,
                null,
                new DurableTable.Durability(props.removalPolicy(), props.deletionProtection()));
    }

    public ITable table() {
        return table;
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
