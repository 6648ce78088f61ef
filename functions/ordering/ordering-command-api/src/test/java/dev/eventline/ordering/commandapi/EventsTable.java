package dev.eventline.ordering.commandapi;

import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.testsupport.Emulator;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Reads the emulated events table directly, beside the handler, to check what was really appended. */
final class EventsTable {
    private final Emulator emulator;
    private final String table;
    private final EventStore store;

    EventsTable(Emulator emulator) {
        this.emulator = emulator;
        this.table = emulator.variable(CommandApiHandler.class, "EVENTS_TABLE");
        // reads only: the clock would matter for appends and idempotency expiry, which go through the handler
        this.store = new DynamoDbEventStore(
                emulator.dynamoDb(),
                table,
                emulator.variable(CommandApiHandler.class, "IDEMPOTENCY_TABLE"),
                Clock.systemUTC());
    }

    /** Every event of every stream: "nothing was appended" must hold for creates too. */
    long count() {
        long count = 0;
        ScanRequest.Builder scan =
                ScanRequest.builder().tableName(table).select(Select.COUNT).consistentRead(true);
        var response = emulator.dynamoDb().scan(scan.build());
        count += response.count();
        while (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            response = emulator.dynamoDb()
                    .scan(scan.exclusiveStartKey(response.lastEvaluatedKey()).build());
            count += response.count();
        }
        return count;
    }

    List<RecordedEvent> events(String orderId) {
        return store.readAfter("Order-" + orderId, 0);
    }

    List<String> types(String orderId) {
        return events(orderId).stream().map(RecordedEvent::type).toList();
    }
}
