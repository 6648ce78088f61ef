package dev.eventline.operations;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.testsupport.Emulator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ordering context on the emulator, named as the templates name it: an event store writing with a
 * given clock (an old one makes events older than any stream retention), the real projector, and the
 * {@link Resources} the operations see.
 */
final class OrderingFixture {
    static final String EVENTS = "eventline-dev-ordering-events";
    static final String SUMMARY = "eventline-dev-order-summary";
    static final String CHECKPOINTS = "eventline-dev-ordering-publisher-checkpoints";
    static final String PROJECTOR = "eventline-dev-ordering-projector";
    static final String PROJECTOR_DLQ = "eventline-dev-ordering-projector-dlq";
    static final String PUBLISHER = "eventline-dev-ordering-publisher";
    static final String PUBLISHER_DLQ = "eventline-dev-ordering-publisher-dlq";

    static final Resources RESOURCES = new Resources(
            List.of(
                    new Resources.EventContext("ordering", "Order", EVENTS),
                    new Resources.EventContext("accounts", "Account", "eventline-dev-accounts-events")),
            List.of(
                    new Resources.Consumer(
                            PROJECTOR,
                            "ordering",
                            Optional.of(new Resources.Checkpoint(SUMMARY, "orderId", "Order-", "version")),
                            PROJECTOR_DLQ),
                    new Resources.Consumer(
                            PUBLISHER,
                            "ordering",
                            Optional.of(new Resources.Checkpoint(CHECKPOINTS, "streamId", "", "version")),
                            PUBLISHER_DLQ)),
            List.of(new Resources.QueueDeadLetters(
                    "eventline-dev-shipping-notifications-dlq",
                    Optional.of("eventline-dev-shipping-notifications"),
                    "shipping notifications given up on")),
            "eventline-dev",
            "eventline-dev-archive");

    private final Emulator emulator;
    private final EventCodec<OrderEvent> codec = new OrderEventCodec();
    final DynamoDbEventStore store;
    final Clock clock;

    OrderingFixture(Emulator emulator, Clock clock) {
        this.emulator = emulator;
        this.clock = clock;
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), EVENTS, "unused", clock);
    }

    static String newOrderId() {
        return "o-" + UUID.randomUUID();
    }

    /** Placed with one line, one item added, another added, confirmed: versions 1 to 4. */
    List<RecordedEvent> fourEvents(String orderId) {
        Instant at = clock.instant();
        List<OrderEvent> events = List.of(
                new OrderPlaced(orderId, "c-1", "EUR", List.of(new OrderLine("A", 1, 100)), at),
                new ItemAdded(orderId, "B", 2, 50, at.plusSeconds(1)),
                new ItemAdded(orderId, "C", 1, 25, at.plusSeconds(2)),
                new OrderConfirmed(orderId, 225, at.plusSeconds(3)));
        List<RecordedEvent> appended = new ArrayList<>();
        long version = 0;
        for (OrderEvent event : events) {
            appended.addAll(store.append(OrderCommands.streamId(orderId), version++, List.of(newEvent(event)))
                    .events());
        }
        return appended;
    }

    NewEvent newEvent(OrderEvent event) {
        EventCodec.EncodedEvent encoded = codec.encode(event);
        String commandId = UUID.randomUUID().toString();
        return new NewEvent(
                UUID.randomUUID().toString(),
                encoded.type(),
                encoded.schemaVersion(),
                encoded.data(),
                new EventMetadata(commandId, "corr-" + event.orderId(), commandId, null, "tester", clock.instant()));
    }

    /** Rewrites an event's data, as a bug or a manual edit might; returns what it was. */
    String rewriteData(String streamId, long version, String data) {
        Map<String, AttributeValue> key = Map.of(
                EventItem.STREAM_ID, AttributeValue.fromS(streamId),
                EventItem.VERSION, AttributeValue.fromN(Long.toString(version)));
        // through the one codec of the stored form: read the event, write it back with other data
        RecordedEvent stored = EventItem.toRecordedEvent(emulator.dynamoDb()
                .getItem(b -> b.tableName(EVENTS).key(key).consistentRead(true))
                .item());
        emulator.dynamoDb()
                .putItem(b -> b.tableName(EVENTS)
                        .item(EventItem.toItem(new RecordedEvent(
                                stored.streamId(),
                                stored.version(),
                                stored.eventId(),
                                stored.type(),
                                stored.schemaVersion(),
                                data,
                                stored.metadata(),
                                stored.recordedAt()))));
        return stored.data();
    }

    ProjectionHandler projector() {
        Map<String, String> env = new HashMap<>(emulator.environmentOf(ProjectionHandler.class));
        env.put("DEAD_LETTER_QUEUE", PROJECTOR_DLQ);
        env.put("MAX_RECORD_ATTEMPTS", "3");
        return new ProjectionHandler(new LambdaEnvironment(env));
    }

    long summaryVersion(String orderId) {
        var item = emulator.dynamoDb()
                .getItem(b -> b.tableName(SUMMARY)
                        .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                        .consistentRead(true))
                .item();
        return item == null || !item.containsKey("version")
                ? 0
                : Long.parseLong(item.get("version").n());
    }
}
