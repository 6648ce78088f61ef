package dev.eventline.ordering.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

@WithEmulator
class GenerationTablesTest {
    private final DynamoDbClient dynamoDb;
    private final GenerationTables tables;

    GenerationTablesTest(Emulator emulator) {
        this.dynamoDb = emulator.dynamoDb();
        this.tables = new GenerationTables(dynamoDb);
    }

    @Test
    void a_generation_is_created_as_durable_as_generation_one_and_can_still_be_retired() {
        String template = "protected-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(template)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("orderId")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("orderId")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .sseSpecification(s -> s.enabled(true).sseType("KMS"))
                .deletionProtectionEnabled(true));
        dynamoDb.updateContinuousBackups(
                r -> r.tableName(template).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));

        tables.createLike(template, template + "-g2");

        TableDescription generation = describe(template + "-g2");
        assertThat(generation.sseDescription().status()).isEqualTo(SSEStatus.ENABLED);
        assertThat(generation.sseDescription().kmsMasterKeyArn())
                .isEqualTo(describe(template).sseDescription().kmsMasterKeyArn());
        assertThat(generation.deletionProtectionEnabled()).isTrue();
        assertThat(tables.pointInTimeRecoveryOn(template + "-g2")).isTrue();

        tables.drop(template + "-g2");

        assertThat(exists(template + "-g2")).isFalse();
    }

    @Test
    void a_generation_of_an_unprotected_table_stays_unprotected() {
        String template = "plain-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(template)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("orderId")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("orderId")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));

        tables.createLike(template, template + "-g2");

        assertThat(describe(template + "-g2").deletionProtectionEnabled()).isNotEqualTo(Boolean.TRUE);
        assertThat(tables.pointInTimeRecoveryOn(template + "-g2")).isFalse();
    }

    private TableDescription describe(String table) {
        return dynamoDb.describeTable(r -> r.tableName(table)).table();
    }

    private boolean exists(String table) {
        try {
            return !describe(table).tableStatusAsString().equals("DELETING");
        } catch (ResourceNotFoundException gone) {
            return false;
        }
    }
}
