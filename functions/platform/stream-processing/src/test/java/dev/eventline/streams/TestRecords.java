package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stream records built in memory, with the event item's attribute names, for tests that need no emulator. */
final class TestRecords {
    private TestRecords() {}

    static RecordedEvent event(String streamId, long version) {
        return new RecordedEvent(
                streamId,
                version,
                streamId + "-ev" + version,
                "Something",
                1,
                "{}",
                new EventMetadata(
                        "cmd", "corr-" + streamId, "cmd", null, "tester", Instant.parse("2026-11-27T10:00:00Z")),
                Instant.parse("2026-11-27T10:00:01Z"));
    }

    static DynamodbStreamRecord insert(RecordedEvent e, long sequenceNumber) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("streamId", new AttributeValue(e.streamId()));
        image.put("version", new AttributeValue().withN(Long.toString(e.version())));
        image.put("eventId", new AttributeValue(e.eventId()));
        image.put("type", new AttributeValue(e.type()));
        image.put("schemaVersion", new AttributeValue().withN(Integer.toString(e.schemaVersion())));
        image.put("data", new AttributeValue(e.data()));
        image.put("commandId", new AttributeValue(e.metadata().commandId()));
        image.put("correlationId", new AttributeValue(e.metadata().correlationId()));
        image.put("causationId", new AttributeValue(e.metadata().causationId()));
        image.put("actor", new AttributeValue(e.metadata().actor()));
        image.put("occurredAt", new AttributeValue(e.metadata().occurredAt().toString()));
        image.put("recordedAt", new AttributeValue(e.recordedAt().toString()));
        return record("INSERT", e.streamId(), e.version(), image, sequenceNumber);
    }

    /** An inserted item whose image is not an event (no eventId, no times). */
    static DynamodbStreamRecord broken(String streamId, long version, long sequenceNumber) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("streamId", new AttributeValue(streamId));
        image.put("version", new AttributeValue().withN(Long.toString(version)));
        return record("INSERT", streamId, version, image, sequenceNumber);
    }

    static DynamodbStreamRecord record(
            String eventName, String streamId, long version, Map<String, AttributeValue> image, long sequenceNumber) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID("rec-" + sequenceNumber);
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("us-east-1");
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/2026");
        StreamRecord stream = new StreamRecord();
        stream.setKeys(Map.of(
                "streamId",
                new AttributeValue(streamId),
                "version",
                new AttributeValue().withN(Long.toString(version))));
        stream.setNewImage(image);
        stream.setSequenceNumber(Long.toString(sequenceNumber));
        stream.setSizeBytes(100L);
        record.setDynamodb(stream);
        return record;
    }

    static DynamodbEvent batch(DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }
}
