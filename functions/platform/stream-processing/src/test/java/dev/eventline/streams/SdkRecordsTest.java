package dev.eventline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

@WithEmulator
class SdkRecordsTest {
    private static DynamoDbEventStore store;
    private static StreamTail tail;

    @BeforeAll
    static void setUp(Emulator emulator) {
        String eventsTable = EmulatorTables.eventsTable(emulator);
        store = new DynamoDbEventStore(
                emulator.dynamoDb(), eventsTable, EmulatorTables.idempotencyTable(emulator), Clock.systemUTC());
        tail = new StreamTail(emulator.streams(), emulator.resources().streamArn(eventsTable));
        tail.skipToEnd();
    }

    @Test
    void records_read_from_the_stream_decode_to_the_events_that_were_appended() {
        String stream = "Order-" + UUID.randomUUID();
        List<RecordedEvent> appended = store.append(stream, 0, List.of(event("OrderPlaced"), event("ItemAdded")))
                .events();

        List<Record> records = tail.poll();
        StreamEvent lambdaEvent = SdkRecords.toStreamEvent(records, tail.streamArn());

        assertThat(lambdaEvent.records()).hasSize(2);
        assertThat(lambdaEvent.records()).allSatisfy(r -> {
            assertThat(r.eventName()).isEqualTo("INSERT");
            assertThat(r.eventSourceARN()).isEqualTo(tail.streamArn());
            assertThat(r.dynamodb().sequenceNumber()).isNotBlank();
            assertThat(r.dynamodb().streamViewTypeAsString()).isEqualTo("NEW_IMAGE");
            assertThat(r.dynamodb().hasOldImage()).isFalse();
        });
        assertThat(lambdaEvent.records())
                .extracting(StreamRecords::toRecordedEvent)
                .containsExactlyElementsOf(appended);
        assertThat(StreamRecords.streamIdOf(lambdaEvent.records().getFirst())).contains(stream);
        assertThat(tail.poll()).as("a second poll returns only newer records").isEmpty();
    }

    @Test
    void lambda_json_round_trips_a_real_record() {
        String stream = "Order-" + UUID.randomUUID();
        RecordedEvent appended =
                store.append(stream, 0, List.of(event("OrderPlaced"))).events().getFirst();
        StreamEvent lambdaEvent = SdkRecords.toStreamEvent(tail.poll(), tail.streamArn());

        String json = StreamRecordJson.writeEvent(lambdaEvent);
        StreamEvent read = StreamRecordJson.readEvent(json);

        assertThat(json).contains("\"NewImage\"", "\"SequenceNumber\"", "\"eventSourceARN\"");
        assertThat(StreamRecords.toRecordedEvent(read.records().getFirst())).isEqualTo(appended);
        assertThat(StreamRecordJson.writeEvent(read)).isEqualTo(json);
    }

    @Test
    void every_attribute_type_goes_through_the_lambda_json_unchanged() {
        Map<String, AttributeValue> image = Map.ofEntries(
                Map.entry("s", AttributeValue.fromS("text")),
                Map.entry("n", AttributeValue.fromN("12.5")),
                Map.entry("b", AttributeValue.fromB(SdkBytes.fromUtf8String("bin"))),
                Map.entry("ss", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("ns", AttributeValue.fromNs(List.of("1", "2"))),
                Map.entry("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x")))),
                Map.entry("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v")))),
                Map.entry("l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromBool(true)))),
                Map.entry("bool", AttributeValue.fromBool(false)),
                Map.entry("nul", AttributeValue.fromNul(true)));
        Record record = Record.builder()
                .eventID("e1")
                .eventName(OperationType.INSERT)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("us-east-1")
                .dynamodb(StreamRecord.builder()
                        .keys(Map.of("streamId", AttributeValue.fromS("Order-1")))
                        .newImage(image)
                        .sequenceNumber("100")
                        .sizeBytes(42L)
                        .approximateCreationDateTime(Instant.parse("2026-11-27T10:00:01Z"))
                        .streamViewType(StreamViewType.NEW_IMAGE)
                        .build())
                .build();

        ChangeRecord lambda = SdkRecords.toChangeRecord(record, "arn:stream");

        assertThat(lambda.dynamodb().newImage()).isEqualTo(image);
        assertThat(lambda.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.parse("2026-11-27T10:00:01Z"));
        ChangeRecord fromJson =
                StreamRecordJson.readRecord(StreamRecordJson.toJson(lambda).toString());
        assertThat(fromJson.dynamodb().newImage()).isEqualTo(image);
        assertThat(fromJson).isEqualTo(lambda);
        assertThat(fromJson.dynamodb().approximateCreationDateTime())
                .isEqualTo(lambda.dynamodb().approximateCreationDateTime());
        assertThat(fromJson.dynamodb().sizeBytes()).isEqualTo(42L);
    }

    @Test
    void a_stream_event_without_records_is_refused() {
        assertThatThrownBy(() -> StreamRecordJson.readEvent("{\"records\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamRecordJson.readEvent("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    static NewEvent event(String type) {
        return new NewEvent(
                UUID.randomUUID().toString(),
                type,
                1,
                "{\"n\":1}",
                new EventMetadata(
                        "cmd-1", "corr-1", "cmd-1", "Root=1-abc-def", "tester", Instant.parse("2026-11-27T10:00:00Z")));
    }
}
