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
import software.constructs.Construct;

/**
 * The settings every Eventline table shares: on-demand billing, AWS-managed encryption,
 * point-in-time recovery, and the environment's removal policy and deletion protection.
 */
final class DurableTable {

    private DurableTable() {}

    /** Durability settings of a table; RETAIN and deletion protection unless stated otherwise. */
    record Durability(RemovalPolicy removalPolicy, boolean deletionProtection) {
        static final Durability PROTECTED = new Durability(RemovalPolicy.RETAIN, true);

        Durability {
            Objects.requireNonNull(removalPolicy, "removalPolicy");
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
                        .encryption(TableEncryption.AWS_MANAGED)
                        .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                                .pointInTimeRecoveryEnabled(true)
                                .build())
                        .deletionProtection(durability.deletionProtection())
                        .removalPolicy(durability.removalPolicy())
                        .build());
    }
}
