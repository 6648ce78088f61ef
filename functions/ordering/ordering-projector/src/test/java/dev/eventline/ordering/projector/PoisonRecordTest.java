package dev.eventline.ordering.projector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.streams.StreamRecordJson;
import dev.eventline.streams.StreamRecords;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A record that can never be projected must not block its shard, nor other streams, nor be lost:
 * it is retried, parked with everything needed to understand it, and met again (and parked again)
 * whenever its stream moves on, until it is fixed.
 */
@WithEmulator
class PoisonRecordTest {
    private static final Instant MORNING = Instant.parse("2026-11-27T09:00:00Z");

    private final ProjectorHarness harness;
    private final String queueUrl;

    PoisonRecordTest(Emulator emulator) {
        this.harness = new ProjectorHarness(emulator);
        this.queueUrl = emulator.resources().queueUrl(ProjectorHarness.DEAD_LETTER_QUEUE);
    }

    @BeforeEach
    void startClean() {
        harness.tail.skipToEnd();
        deadLetters();
    }

    @Test
    void an_event_whose_data_does_not_decode_is_retried_then_parked_while_other_streams_progress() {
        OrderStory poisoned =
                OrderStory.of(ProjectorHarness.newOrderId(), MORNING).place("c-1", "EUR", new OrderLine("A", 1, 100));
        harness.append(poisoned);
        RecordedEvent broken = writeRawEvent(poisoned.orderId(), 2, "ItemAdded", "{this is not json", true);
        OrderStory healthy = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place("c-2", "EUR", new OrderLine("B", 1, 100))
                .confirm();
        harness.append(healthy);
        List<ChangeRecord> batch = harness.newRecords(Set.of(poisoned.orderId(), healthy.orderId()));
        String poisonSequence = batch.get(1).dynamodb().sequenceNumber();

        // attempts 1 and 2: reported at the poison record; Lambda retries from there
        assertThat(failures(harness.project(batch))).containsExactly(poisonSequence);
        assertThat(harness.summary(poisoned.orderId()).orElseThrow().version()).isEqualTo(1);
        assertThat(harness.summary(healthy.orderId()).orElseThrow().version()).isEqualTo(2);
        List<ChangeRecord> retry = batch.subList(1, batch.size());
        assertThat(failures(harness.project(retry))).containsExactly(poisonSequence);
        assertThat(deadLetters()).isEmpty();

        // attempt 3: parked and acknowledged
        assertThat(harness.project(retry).batchItemFailures()).isEmpty();
        List<JsonNode> parked = deadLetters();
        assertThat(parked).singleElement().satisfies(message -> {
            assertThat(message.get("source").asText()).isEqualTo("ordering-projector");
            assertThat(message.get("attempts").asInt()).isEqualTo(3);
            assertThat(message.get("streamId").asText()).isEqualTo("Order-" + poisoned.orderId());
            assertThat(message.get("eventId").asText()).isEqualTo(broken.eventId());
            assertThat(message.get("version").asLong()).isEqualTo(2);
            assertThat(Instant.parse(message.get("firstFailedAt").asText()))
                    .isBefore(harness.clock.instant().plusSeconds(1));
            assertThat(message.at("/error/type").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(message.at("/error/message").asText()).contains("cannot decode event", "@2");
            ChangeRecord record =
                    StreamRecordJson.readRecord(message.get("record").toString());
            assertThat(record.dynamodb().sequenceNumber()).isEqualTo(poisonSequence);
            assertThat(StreamRecords.toRecordedEvent(record).data()).isEqualTo("{this is not json");
        });
        assertThat(harness.metric("RecordsParked")).isEqualTo(1);

        // the stream moves on: its next event finds the gap, re-reads the poison and parks it again
        harness.store.append(
                OrderCommands.streamId(poisoned.orderId()),
                2,
                List.of(harness.newEvent(new dev.eventline.ordering.ItemAdded(
                        poisoned.orderId(), "C", 1, 5, MORNING.plusSeconds(600)))));
        List<ChangeRecord> later = harness.newRecords(Set.of(poisoned.orderId()));

        assertThat(harness.project(later).batchItemFailures()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(message -> {
            assertThat(message.get("version").asLong()).isEqualTo(2);
            assertThat(message.get("attempts").asInt()).isEqualTo(4);
            assertThat(message.at("/record/dynamodb/Keys/version/N").asText())
                    .as("the record that met it")
                    .isEqualTo("3");
        });
        assertThat(harness.summary(poisoned.orderId()).orElseThrow().version())
                .as("never skipped")
                .isEqualTo(1);
    }

    @Test
    void an_item_that_is_not_an_event_at_all_is_parked_from_the_stream_and_from_gap_repair() {
        OrderStory story =
                OrderStory.of(ProjectorHarness.newOrderId(), MORNING).place("c-3", "EUR", new OrderLine("A", 1, 100));
        harness.append(story);
        writeRawEvent(story.orderId(), 2, "ItemAdded", "{}", false); // no occurredAt, recordedAt...
        List<ChangeRecord> batch = harness.newRecords(Set.of(story.orderId()));
        String brokenSequence = batch.get(1).dynamodb().sequenceNumber();

        assertThat(failures(harness.project(batch))).containsExactly(brokenSequence);
        assertThat(failures(harness.project(batch.subList(1, 2)))).containsExactly(brokenSequence);
        assertThat(harness.project(batch.subList(1, 2)).batchItemFailures()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(message -> {
            assertThat(message.get("eventId").isNull()).isTrue();
            assertThat(message.get("version").asLong()).isEqualTo(2);
            assertThat(message.at("/error/message").asText()).contains("missing attribute");
        });

        harness.store.append(
                OrderCommands.streamId(story.orderId()),
                2,
                List.of(harness.newEvent(
                        new dev.eventline.ordering.ItemAdded(story.orderId(), "C", 1, 5, MORNING.plusSeconds(600)))));

        assertThat(harness.project(harness.newRecords(Set.of(story.orderId()))).batchItemFailures())
                .isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(message -> {
            assertThat(message.get("version").asLong())
                    .as("located by re-reading the gap one version at a time")
                    .isEqualTo(2);
            assertThat(message.get("attempts").asInt()).isEqualTo(4);
        });
        assertThat(harness.summary(story.orderId()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void changing_or_removing_an_event_item_is_parked_at_once_with_its_record_and_changes_no_read_model() {
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place("c-4", "EUR", new OrderLine("A", 1, 100))
                .confirm();
        harness.append(story);
        assertThat(harness.project(harness.newRecords(Set.of(story.orderId()))).batchItemFailures())
                .isEmpty();
        ProjectedOrder before = harness.summary(story.orderId()).orElseThrow();
        String events = harness.environment.get("EVENTS_TABLE");
        Map<String, AttributeValue> first = Map.of(
                EventItem.STREAM_ID,
                AttributeValue.fromS(OrderCommands.streamId(story.orderId())),
                EventItem.VERSION,
                AttributeValue.fromN("1"));
        harness.emulator
                .dynamoDb()
                .updateItem(r -> r.tableName(events)
                        .key(first)
                        .updateExpression("SET #data = :data")
                        .expressionAttributeNames(Map.of("#data", "data"))
                        .expressionAttributeValues(Map.of(":data", AttributeValue.fromS("{\"rewritten\":true}"))));
        harness.emulator
                .dynamoDb()
                .deleteItem(r -> r.tableName(events)
                        .key(Map.of(
                                EventItem.STREAM_ID,
                                AttributeValue.fromS(OrderCommands.streamId(story.orderId())),
                                EventItem.VERSION,
                                AttributeValue.fromN("2"))));
        List<ChangeRecord> tampered = harness.newRecords(Set.of(story.orderId()));
        assertThat(tampered).extracting(ChangeRecord::eventName).containsExactly("MODIFY", "REMOVE");

        assertThat(harness.project(tampered).batchItemFailures()).isEmpty();

        assertThat(deadLetters()).hasSize(2).allSatisfy(message -> {
            assertThat(message.get("source").asText()).isEqualTo("ordering-projector");
            assertThat(message.get("reason").asText()).isEqualTo("tampered");
            assertThat(message.get("streamId").asText()).isEqualTo(OrderCommands.streamId(story.orderId()));
            assertThat(message.at("/record/dynamodb/Keys/version/N").asText()).isIn("1", "2");
        });
        assertThat(harness.metric("TamperedRecords")).isEqualTo(2);
        assertThat(harness.summary(story.orderId()).orElseThrow()).isEqualTo(before);
    }

    @Test
    void overwriting_an_event_with_put_item_which_iam_cannot_forbid_a_writer_is_parked_as_tampered() {
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place("c-5", "EUR", new OrderLine("A", 1, 100))
                .confirm();
        harness.append(story);
        assertThat(harness.project(harness.newRecords(Set.of(story.orderId()))).batchItemFailures())
                .isEmpty();
        ProjectedOrder before = harness.summary(story.orderId()).orElseThrow();
        String events = harness.environment.get("EVENTS_TABLE");
        Map<String, AttributeValue> key = Map.of(
                EventItem.STREAM_ID,
                AttributeValue.fromS(OrderCommands.streamId(story.orderId())),
                EventItem.VERSION,
                AttributeValue.fromN("1"));
        RecordedEvent stored = EventItem.toRecordedEvent(harness.emulator
                .dynamoDb()
                .getItem(r -> r.tableName(events).key(key).consistentRead(true))
                .item());
        Map<String, AttributeValue> forged = EventItem.toItem(new RecordedEvent(
                stored.streamId(),
                stored.version(),
                stored.eventId(),
                stored.type(),
                stored.schemaVersion(),
                stored.data().replace("\"c-5\"", "\"c-attacker\""),
                stored.metadata(),
                stored.recordedAt()));

        // the command role's own action, without the store's attribute_not_exists(version) condition
        harness.emulator.dynamoDb().putItem(r -> r.tableName(events).item(forged));
        List<ChangeRecord> overwrite = harness.newRecords(Set.of(story.orderId()));
        assertThat(overwrite).extracting(ChangeRecord::eventName).containsExactly("MODIFY");

        assertThat(harness.project(overwrite).batchItemFailures()).isEmpty();
        assertThat(deadLetters()).singleElement().satisfies(message -> {
            assertThat(message.get("reason").asText()).isEqualTo("tampered");
            assertThat(message.at("/record/eventName").asText()).isEqualTo("MODIFY");
            // the parked record is the stream record as DynamoDB sent it: the stored form (data in "d")
            assertThat(message.at("/record/dynamodb/NewImage/d/S").asText()).contains("c-attacker");
        });
        assertThat(harness.metric("TamperedRecords")).isEqualTo(1);
        assertThat(harness.summary(story.orderId()).orElseThrow()).isEqualTo(before);
    }

    /** An item written around the event store, as a bug or a manual edit might. */
    private RecordedEvent writeRawEvent(String orderId, long version, String type, String data, boolean complete) {
        String eventId = UUID.randomUUID().toString();
        Instant recordedAt = harness.clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(EventItem.STREAM_ID, AttributeValue.fromS(OrderCommands.streamId(orderId)));
        item.put(EventItem.VERSION, AttributeValue.fromN(Long.toString(version)));
        item.put("type", AttributeValue.fromS(type));
        item.put("schemaVersion", AttributeValue.fromN("1"));
        item.put("data", AttributeValue.fromS(data));
        if (complete) {
            item.put("eventId", AttributeValue.fromS(eventId));
            item.put("commandId", AttributeValue.fromS("cmd"));
            item.put("correlationId", AttributeValue.fromS("corr-poison"));
            item.put("causationId", AttributeValue.fromS("cmd"));
            item.put("actor", AttributeValue.fromS("tester"));
            item.put("occurredAt", AttributeValue.fromS(MORNING.toString()));
            item.put("recordedAt", AttributeValue.fromS(recordedAt.toString()));
        }
        harness.emulator
                .dynamoDb()
                .putItem(r ->
                        r.tableName(harness.environment.get("EVENTS_TABLE")).item(item));
        return !complete
                ? null
                : new RecordedEvent(
                        OrderCommands.streamId(orderId),
                        version,
                        eventId,
                        type,
                        1,
                        data,
                        new dev.eventline.eventstore.EventMetadata(
                                "cmd", "corr-poison", "cmd", null, "tester", MORNING),
                        recordedAt);
    }

    /** Receives and deletes everything in the dead-letter queue. */
    private List<JsonNode> deadLetters() {
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = harness.emulator
                    .sqs()
                    .receiveMessage(
                            r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                bodies.add(Json.read(message.body()));
                harness.emulator.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static List<String> failures(BatchResponse response) {
        return response.batchItemFailures().stream()
                .map(BatchResponse.ItemFailure::itemIdentifier)
                .toList();
    }
}
