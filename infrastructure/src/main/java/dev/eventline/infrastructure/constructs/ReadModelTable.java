package dev.eventline.infrastructure.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * A table derived from events (a projection, a snapshot, a notification log): string keys, an
 * optional string sort key, optional TTL. It can always be rebuilt, but keeps PITR so a bad
 * projection can be rolled back without a replay.
 */
public final class ReadModelTable extends Construct {

    /** Suffix of a rebuilt generation's tables ({@code <table>-g<n>}, ReadModelTables.generation). */
    public static final String GENERATION_SUFFIX = "-g";

    private final Table table;
    private final String tableName;

    public ReadModelTable(Construct scope, String id, Props props) {
        super(scope, id);
        this.tableName = props.tableName();
        this.table = DurableTable.create(
                this,
                props.tableName(),
                stringKey(props.partitionKey()),
                props.sortKey().map(ReadModelTable::stringKey).orElse(null),
                props.timeToLiveAttribute().orElse(null),
                null,
                new DurableTable.Durability(props.removalPolicy(), props.deletionProtection()));
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public ITable table() {
        return table;
    }

    /** Full item maintenance for the projector that owns this model. */
    public void grantReadWrite(IGrantable grantee) {
        TableAccess.READ_WRITE.grant(table, grantee);
    }

    /** GetItem and Query, for query handlers. */
    public void grantRead(IGrantable grantee) {
        TableAccess.READ.grant(table, grantee);
    }

    /**
     * The actions of {@code access} on every generation of this table that a blue-green rebuild
     * creates at run time ({@code <table>-g2}, {@code -g3}…, and their indexes): their names are
     * known only as a pattern, so the statement names the pattern, never another table. The
     * template's table itself is generation 1 and is granted by {@link #grant}.
     */
    public void grantGenerations(IGrantable grantee, TableAccess access) {
        String generations = generationArn("");
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(access.actions())
                .resourceArns(List.of(generations, generationArn("/index/*")))
                .build());
        // suppressed for exactly these two resources, on the grantee's policy only
        NagSuppressions.addResourceSuppressions(
                grantee.getGrantPrincipal(),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("blue-green rebuild generations of " + tableName + " are created at run time as "
                                + tableName + GENERATION_SUFFIX + "<n>; the wildcard covers that suffix and their"
                                + " indexes only")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                // table names are [a-z0-9-] only (ResourceNames): nothing to escape
                                .regex("/^Resource::arn:.*:table\\/" + tableName + GENERATION_SUFFIX
                                        + "\\*(\\/index\\/\\*)?$/")
                                .build()))
                        .build()),
                true);
    }

    private String generationArn(String suffix) {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("dynamodb")
                        .resource("table")
                        .resourceName(tableName + GENERATION_SUFFIX + "*" + suffix)
                        .build());
    }

    /** Exactly the actions of {@code access}, on this table only. */
    public void grant(IGrantable grantee, TableAccess access) {
        access.grant(table, grantee);
    }

    /**
     * @param tableName           physical table name (required)
     * @param partitionKey        string partition key attribute (required)
     * @param sortKey             string sort key attribute; default none
     * @param timeToLiveAttribute TTL attribute; default none
     * @param removalPolicy       default RETAIN
     * @param deletionProtection  default true
     */
    public record Props(
            String tableName,
            String partitionKey,
            Optional<String> sortKey,
            Optional<String> timeToLiveAttribute,
            RemovalPolicy removalPolicy,
            boolean deletionProtection) {
        public Props {
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(partitionKey, "partitionKey");
            Objects.requireNonNull(sortKey, "sortKey");
            Objects.requireNonNull(timeToLiveAttribute, "timeToLiveAttribute");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String tableName;
            private String partitionKey;
            private String sortKey;
            private String timeToLiveAttribute;
            private RemovalPolicy removalPolicy = DurableTable.Durability.PROTECTED.removalPolicy();
            private boolean deletionProtection = DurableTable.Durability.PROTECTED.deletionProtection();

            public Builder tableName(String tableName) {
                this.tableName = tableName;
                return this;
            }

            public Builder partitionKey(String partitionKey) {
                this.partitionKey = partitionKey;
                return this;
            }

            public Builder sortKey(String sortKey) {
                this.sortKey = sortKey;
                return this;
            }

            public Builder timeToLiveAttribute(String timeToLiveAttribute) {
                this.timeToLiveAttribute = timeToLiveAttribute;
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
                return new Props(
                        tableName,
                        partitionKey,
                        Optional.ofNullable(sortKey),
                        Optional.ofNullable(timeToLiveAttribute),
                        removalPolicy,
                        deletionProtection);
            }
        }
    }
}
