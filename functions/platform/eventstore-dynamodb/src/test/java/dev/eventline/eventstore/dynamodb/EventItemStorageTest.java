package dev.eventline.eventstore.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventIds;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the events table holds: compact items, and items of the original form still read. */
@WithEmulator
class EventItemStorageTest {
    private static final String TABLE = "eventline-dev-ordering-events";

    private final MutableClock clock = MutableClock.startingNow();
    private final DynamoDbClient dynamoDb;
    private final DynamoDbEventStore store;

    EventItemStorageTest(Emulator emulator) {
        dynamoDb = emulator.dynamoDb();
        store = new DynamoDbEventStore(dynamoDb, TABLE, "eventline-dev-ordering-idempotency", clock);
    }

    @Test
    void an_event_is_stored_under_short_names_without_what_can_be_derived() {
        String stream = "Test-" + UUID.randomUUID();
        store.append(
                stream,
                0,
                List.of(new NewEvent(
                        EventIds.derived(stream, 1, "cmd-1"),
                        "A",
                        1,
                        "{\"n\":1}",
                        new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "user-1", clock.instant()))));

        Map<String, AttributeValue> item = dynamoDb.getItem(
                        r -> r.tableName(TABLE).key(EventItem.key(stream, 1)).consistentRead(true))
                .item();

        assertThat(item).containsOnlyKeys("streamId", "version", "t", "d", "c", "r", "a", "w");
        assertThat(item.get("w").n()).isNotNull();
    }

    @Test
    void items_written_in_the_original_form_read_as_they_always_did() {
        String stream = "Test-" + UUID.randomUUID();
        Instant occurred = Instant.parse("2026-11-27T10:00:00Z");
        Instant recorded = Instant.parse("2026-11-27T10:00:00.250Z");
        Map<String, AttributeValue> legacy = new HashMap<>();
        legacy.put("streamId", AttributeValue.fromS(stream));
        legacy.put("version", AttributeValue.fromN("1"));
        legacy.put("eventId", AttributeValue.fromS("evt-legacy"));
        legacy.put("type", AttributeValue.fromS("A"));
        legacy.put("schemaVersion", AttributeValue.fromN("1"));
        legacy.put("data", AttributeValue.fromS("{\"n\":1}"));
        legacy.put("commandId", AttributeValue.fromS("cmd-1"));
        legacy.put("correlationId", AttributeValue.fromS("corr-1"));
        legacy.put("causationId", AttributeValue.fromS("cmd-1"));
        legacy.put("traceId", AttributeValue.fromS("Root=1-abc-def"));
        legacy.put("actor", AttributeValue.fromS("tester"));
        legacy.put("occurredAt", AttributeValue.fromS(occurred.toString()));
        legacy.put("recordedAt", AttributeValue.fromS(recorded.toString()));
        dynamoDb.putItem(r -> r.tableName(TABLE).item(legacy));

        store.append(
                stream,
                1,
                List.of(new NewEvent(
                        "evt-new",
                        "B",
                        1,
                        "{}",
                        new EventMetadata("cmd-2", "corr-2", "cmd-2", null, "tester", occurred))));

        List<RecordedEvent> read = store.readAfter(stream, 0);
        assertThat(read).extracting(RecordedEvent::eventId).containsExactly("evt-legacy", "evt-new");
        assertThat(read.getFirst())
                .isEqualTo(new RecordedEvent(
                        stream,
                        1,
                        "evt-legacy",
                        "A",
                        1,
                        "{\"n\":1}",
                        new EventMetadata("cmd-1", "corr-1", "cmd-1", "Root=1-abc-def", "tester", occurred),
                        recorded));
    }
}
