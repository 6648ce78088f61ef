package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.testkit.EventStoreContract;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The event store contract, on DynamoDB (moto, or LocalStack with -Deventline.emulator=localstack). */
@WithEmulator
class DynamoDbEventStoreContractTest extends EventStoreContract {
    /** No deployed view is generic; the contract's view gets a table of the same shape (string key, version). */
    private static final String VIEW_TABLE = "eventline-test-contract-view";

    private final EventStore store;

    DynamoDbEventStoreContractTest(Emulator emulator) {
        createViewTable(emulator.dynamoDb());
        store = new DynamoDbEventStore(
                emulator.dynamoDb(),
                "eventline-dev-ordering-events",
                "eventline-dev-ordering-idempotency",
                clock,
                List.of(new InlineViewTable(VIEW, VIEW_TABLE, "id")));
    }

    private static void createViewTable(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.createTable(create -> create.tableName(VIEW_TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("id")
                            .keyType(KeyType.HASH)
                            .build()));
        } catch (ResourceInUseException exists) {
            // created for an earlier test of this class: the emulator is shared
        }
    }

    @Override
    protected EventStore store() {
        return store;
    }
}
