package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.testkit.EventStoreContract;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;

/** The event store contract, on DynamoDB (moto, or LocalStack with -Deventline.emulator=localstack). */
@WithEmulator
class DynamoDbEventStoreContractTest extends EventStoreContract {
    private final EventStore store;

    DynamoDbEventStoreContractTest(Emulator emulator) {
        store = new DynamoDbEventStore(
                emulator.dynamoDb(), "eventline-dev-ordering-events", "eventline-dev-ordering-idempotency", clock);
    }

    @Override
    protected EventStore store() {
        return store;
    }
}
