package dev.eventline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
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
        DynamodbEvent lambdaEvent = SdkRecords.toDynamodbEvent(records, tail.streamArn());

        assertThat(lambdaEvent.getRecords()).hasSize(2);
        assertThat(lambdaEvent.getRecords()).allSatisfy(r -> {
            assertThat(r.getEventName()).isEqualTo("INSERT");
            assertThat(r.getEventSourceARN()).isEqualTo(tail.streamArn());
            assertThat(r.getDynamodb().getSequenceNumber()).isNotBlank();
            assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_IMAGE");
            assertThat(r.getDynamodb().getOldImage()).isNull();
        });
        assertThat(lambdaEvent.getRecords())
                .extracting(StreamRecords::toRecordedEvent)
                .containsExactlyElementsOf(appended);
        assertThat(StreamRecords.streamIdOf(lambdaEvent.getRecords().getFirst()))
                .contains(stream);
        assertThat(tail.poll()).as("a second poll returns only newer records").isEmpty();
    }

    @Test
    void lambda_json_round_trips_a_real_record() {
        String stream = "Order-" + UUID.randomUUID();
        RecordedEvent appended =
                store.append(stream, 0, List.of(event("OrderPlaced"))).events().getFirst();
        DynamodbEvent lambdaEvent = SdkRecords.toDynamodbEvent(tail.poll(), tail.streamArn());

        String json = StreamRecordJson.writeEvent(lambdaEvent);
        DynamodbEvent read = StreamRecordJson.readEvent(json);

        assertThat(json).contains("\"NewImage\"", "\"SequenceNumber\"", "\"eventSourceARN\"");
        assertThat(StreamRecords.toRecordedEvent(read.getRecords().getFirst())).isEqualTo(appended);
        assertThat(StreamRecordJson.writeEvent(read)).isEqualTo(json);
    }

    @Test
    void every_attribute_type_converts_both_ways() {
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

        DynamodbStreamRecord lambda = SdkRecords.toLambda(record, "arn:stream");

        assertThat(SdkRecords.toSdk(lambda.getDynamodb().getNewImage())).isEqualTo(image);
        assertThat(lambda.getDynamodb().getApproximateCreationDateTime().toInstant())
                .isEqualTo(Instant.parse("2026-11-27T10:00:01Z"));
        DynamodbStreamRecord fromJson =
                StreamRecordJson.readRecord(StreamRecordJson.toJson(lambda).toString());
        assertThat(SdkRecords.toSdk(fromJson.getDynamodb().getNewImage())).isEqualTo(image);
        assertThat(fromJson.getDynamodb().getApproximateCreationDateTime())
                .isEqualTo(lambda.getDynamodb().getApproximateCreationDateTime());
        assertThat(fromJson.getDynamodb().getSizeBytes()).isEqualTo(42L);
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
