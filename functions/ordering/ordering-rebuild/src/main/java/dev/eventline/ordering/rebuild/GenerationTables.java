package dev.eventline.ordering.rebuild;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates and drops the tables of a read-model generation, shaped like generation 1's (the
 * template's): same keys and global secondary indexes, on-demand capacity, so a rebuild is throttled
 * by nothing but the account's limits. Generation 1 is never dropped: the stack owns it.
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
        try {
            dynamoDb.createTable(create.build());
        } catch (ResourceInUseException exists) {
            // a resumed rebuild: the table was created by the run that was interrupted
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    void drop(String name) {
        try {
            dynamoDb.deleteTable(r -> r.tableName(name));
        } catch (ResourceNotFoundException gone) {
            // dropped by an earlier retirement that failed before it moved the pointer
        }
    }
}
