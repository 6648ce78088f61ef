package dev.eventline.infrastructure.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * An append-only event store: one item per event, keyed by stream ({@code streamId}) and position
 * in it ({@code version}, a number), with a NEW_IMAGE stream feeding projectors and publishers.
 * Writers get {@link TableAccess#APPEND} only, and the table's resource policy denies updates and
 * deletes to every principal but a named break-glass role (see docs/security.md).
 */
public final class EventStoreTable extends Construct {

    public static final String PARTITION_KEY = "streamId";
    public static final String SORT_KEY = "version";

    /** What no principal but the break-glass role may do to an event item, whatever its identity policy says. */
    public static final List<String> DENIED_ACTIONS = List.of(
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete");

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
                new DurableTable.Durability(props.removalPolicy(), props.deletionProtection(), props.encryptionKey()),
                appendOnly(this, props));
    }

    /**
     * An explicit deny in the table's own policy wins over any allow in any identity policy of the
     * account (an over-broad admin or a mistaken grant), and covers the Update and Delete parts of
     * TransactWriteItems, which DynamoDB authorizes action by action. BatchWriteItem is denied whole:
     * the store never uses it, and its deletes cannot be told apart from its puts by IAM. A PutItem
     * that replaces an existing event cannot be denied without denying appends; the stream shows it
     * as a MODIFY, which every consumer parks as tampered.
     */
    private static PolicyDocument appendOnly(Construct scope, Props props) {
        Stack stack = Stack.of(scope);
        String tableArn = stack.formatArn(ArnComponents.builder()
                .service("dynamodb")
                .resource("table")
                .resourceName(props.tableName())
                .build());
        String breakGlassArn = stack.formatArn(ArnComponents.builder()
                .service("iam")
                .region("")
                .resource("role")
                .resourceName(props.breakGlassRoleName())
                .build());
        return PolicyDocument.Builder.create()
                .statements(List.of(PolicyStatement.Builder.create()
                        .sid("EventsAreImmutable")
                        .effect(Effect.DENY)
                        .principals(List.of(new AnyPrincipal()))
                        .actions(DENIED_ACTIONS)
                        .resources(List.of(tableArn))
                        .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", breakGlassArn)))
                        .build()))
                .build();
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
     * @param breakGlassRoleName the only role (of this account) not denied updates and deletes of events;
     *                           not created here: its trust policy (who may assume it, with MFA) is the
     *                           account owner's; default {@value #DEFAULT_BREAK_GLASS_ROLE}
     * @param encryptionKey      the context's customer-managed key; default none (AWS-managed key)
     */
    public record Props(
            String tableName,
            RemovalPolicy removalPolicy,
            boolean deletionProtection,
            String breakGlassRoleName,
            IKey encryptionKey) {
        public static final String DEFAULT_BREAK_GLASS_ROLE = "eventline-events-break-glass";

        public Props {
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(breakGlassRoleName, "breakGlassRoleName");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String tableName;
            private RemovalPolicy removalPolicy = DurableTable.Durability.PROTECTED.removalPolicy();
            private boolean deletionProtection = DurableTable.Durability.PROTECTED.deletionProtection();
            private String breakGlassRoleName = DEFAULT_BREAK_GLASS_ROLE;
            private IKey encryptionKey;

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

            public Builder breakGlassRoleName(String breakGlassRoleName) {
                this.breakGlassRoleName = breakGlassRoleName;
                return this;
            }

            public Builder encryptionKey(IKey encryptionKey) {
                this.encryptionKey = encryptionKey;
                return this;
            }

            public Props build() {
                return new Props(tableName, removalPolicy, deletionProtection, breakGlassRoleName, encryptionKey);
            }
        }
    }
}
