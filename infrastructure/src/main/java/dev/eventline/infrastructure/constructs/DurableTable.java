package dev.eventline.infrastructure.constructs;

import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.dynamodb.TableProps;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The settings every Eventline table shares: on-demand billing, encryption at rest (AWS-managed, or
 * the context's customer-managed key in staging and prod),
 * point-in-time recovery, and the environment's removal policy and deletion protection.
 */
final class DurableTable {

    private DurableTable() {}

    /**
     * Durability settings of a table; RETAIN and deletion protection unless stated otherwise.
     *
     * @param encryptionKey the context's customer-managed key, or null for the AWS-managed key
     */
    record Durability(RemovalPolicy removalPolicy, boolean deletionProtection, IKey encryptionKey) {
        static final Durability PROTECTED = new Durability(RemovalPolicy.RETAIN, true);

        Durability {
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }

        Durability(RemovalPolicy removalPolicy, boolean deletionProtection) {
            this(removalPolicy, deletionProtection, null);
        }
    }

    static Table create(
            Construct scope,
            String tableName,
            Attribute partitionKey,
            Attribute sortKey,
            String timeToLiveAttribute,
            StreamViewType stream,
            Durability durability) {
        return create(scope, tableName, partitionKey, sortKey, timeToLiveAttribute, stream, durability, null);
    }

    /** @param resourcePolicy the table's resource-based policy, or null for none */
    static Table create(
            Construct scope,
            String tableName,
            Attribute partitionKey,
            Attribute sortKey,
            String timeToLiveAttribute,
            StreamViewType stream,
            Durability durability,
            PolicyDocument resourcePolicy) {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(partitionKey, "partitionKey");
        return new Table(
                scope,
                "Table",
                TableProps.builder()
                        .tableName(tableName)
                        .partitionKey(partitionKey)
                        .sortKey(sortKey)
                        .timeToLiveAttribute(timeToLiveAttribute)
                        .stream(stream)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .encryption(
                                durability.encryptionKey() == null
                                        ? TableEncryption.AWS_MANAGED
                                        : TableEncryption.CUSTOMER_MANAGED)
                        .encryptionKey(durability.encryptionKey())
                        .resourcePolicy(resourcePolicy)
                        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                                .pointInTimeRecoveryEnabled(true)
                                .build())
                        .deletionProtection(durability.deletionProtection())
                        .removalPolicy(durability.removalPolicy())
                        .build());
    }
}
