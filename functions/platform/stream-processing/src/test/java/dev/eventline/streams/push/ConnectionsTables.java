package dev.eventline.streams.push;

import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A connections table of server push, in the shape the WebSocket API's stack declares ({@link
 * Subscriptions}' keys and index), for the tests of every module that reads or writes one (in this
 * module's test-jar): each test class gets its own table, so none sees another's subscriptions.
 */
public final class ConnectionsTables {
    private ConnectionsTables() {}

    /** Creates a table under a fresh name and returns the name. */
    public static String create(DynamoDbClient dynamoDb) {
        String table = "push-connections-" + UUID.randomUUID();
        create(dynamoDb, table);
        return table;
    }

    public static void create(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Subscriptions.CONNECTION_ID), attribute(Subscriptions.SUBSCRIPTION))
                .keySchema(
                        key(Subscriptions.CONNECTION_ID, KeyType.HASH), key(Subscriptions.SUBSCRIPTION, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(Subscriptions.BY_SUBSCRIPTION)
                        .keySchema(
                                key(Subscriptions.SUBSCRIPTION, KeyType.HASH),
                                key(Subscriptions.CONNECTION_ID, KeyType.RANGE))
                        .projection(p ->
                                p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(Subscriptions.EXPIRES_AT))
                        .build()));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
