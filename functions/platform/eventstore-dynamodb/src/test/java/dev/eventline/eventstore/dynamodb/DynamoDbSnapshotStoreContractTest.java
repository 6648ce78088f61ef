package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.snapshot.SnapshotStore;
import dev.eventline.eventstore.testkit.SnapshotStoreContract;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;

/** The snapshot store contract, on DynamoDB (the accounts snapshot table of the template). */
@WithEmulator
class DynamoDbSnapshotStoreContractTest extends SnapshotStoreContract {
    private final SnapshotStore store;

    DynamoDbSnapshotStoreContractTest(Emulator emulator) {
        store = new DynamoDbSnapshotStore(emulator.dynamoDb(), "eventline-dev-accounts-snapshots");
    }

    @Override
    protected SnapshotStore store() {
        return store;
    }
}
