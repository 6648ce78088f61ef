package dev.eventline.ordering.rebuild;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates and drops the tables of a read-model generation, shaped like generation 1's (the
 * template's): same keys and global secondary indexes, on-demand capacity, so a rebuild is throttled
 * by nothing but the account's limits, and the same protection as the stack gives generation 1: its
 * KMS encryption (same key), point-in-time recovery and deletion protection (on in prod), so a
 * generation made live is as durable as the table it replaces. Generation 1 is never dropped: the
 * stack owns it.
 */
final class GenerationTables {
    private final DynamoDbClient dynamoDb;

    GenerationTables(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Creates {@code name} like {@code template} unless it exists; returns when it is active. */
    void createLike(String template, String name) {
        TableDescription model =
                dynamoDb.describeTable(r -> r.tableName(template)).table();
        CreateTableRequest.Builder create = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(model.keySchema())
                .attributeDefinitions(model.attributeDefinitions())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (model.hasGlobalSecondaryIndexes() && !model.globalSecondaryIndexes().isEmpty()) {
            List<GlobalSecondaryIndex> indexes = model.globalSecondaryIndexes().stream()
                    .map(i -> GlobalSecondaryIndex.builder()
                            .indexName(i.indexName())
                            .keySchema(i.keySchema())
                            .projection(i.projection())
                            .build())
                    .toList();
            create.globalSecondaryIndexes(indexes);
        }
        var sse = model.sseDescription();
        if (sse != null && (sse.status() == SSEStatus.ENABLED || sse.status() == SSEStatus.ENABLING)) {
            create.sseSpecification(s -> {
                s.enabled(true).sseType(SSEType.KMS);
                if (sse.kmsMasterKeyArn() != null) {
                    s.kmsMasterKeyId(sse.kmsMasterKeyArn());
                }
            });
        }
        if (Boolean.TRUE.equals(model.deletionProtectionEnabled())) {
            create.deletionProtectionEnabled(true);
        }
        try {
            dynamoDb.createTable(create.build());
        } catch (ResourceInUseException exists) {
            // a resumed rebuild: the table was created by the run that was interrupted
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
        // PITR cannot be asked for at creation; a resumed rebuild sets it again (idempotent)
        if (pointInTimeRecoveryOn(template)) {
            dynamoDb.updateContinuousBackups(
                    r -> r.tableName(name).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        }
    }

    boolean pointInTimeRecoveryOn(String table) {
        var backups =
                dynamoDb.describeContinuousBackups(r -> r.tableName(table)).continuousBackupsDescription();
        return backups.continuousBackupsStatus() == ContinuousBackupsStatus.ENABLED
                && backups.pointInTimeRecoveryDescription() != null
                && backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()
                        == PointInTimeRecoveryStatus.ENABLED;
    }

    /**
     * Drops a retired generation. Its deletion protection (copied from generation 1) is lifted
     * first: retirement, after the grace period, is the operator's explicit decision to drop it.
     */
    void drop(String name) {
        try {
            if (Boolean.TRUE.equals(
                    dynamoDb.describeTable(r -> r.tableName(name)).table().deletionProtectionEnabled())) {
                dynamoDb.updateTable(r -> r.tableName(name).deletionProtectionEnabled(false));
            }
            dynamoDb.deleteTable(r -> r.tableName(name));
        } catch (ResourceNotFoundException gone) {
            // dropped by an earlier retirement that failed before it moved the pointer
        }
    }
}
