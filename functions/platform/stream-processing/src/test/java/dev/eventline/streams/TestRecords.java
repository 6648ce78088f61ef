package dev.eventline.streams;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

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

    static ChangeRecord insert(RecordedEvent e, long sequenceNumber) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("streamId", AttributeValue.fromS(e.streamId()));
        image.put("version", AttributeValue.fromN(Long.toString(e.version())));
        image.put("eventId", AttributeValue.fromS(e.eventId()));
        image.put("type", AttributeValue.fromS(e.type()));
        image.put("schemaVersion", AttributeValue.fromN(Integer.toString(e.schemaVersion())));
        image.put("data", AttributeValue.fromS(e.data()));
        image.put("commandId", AttributeValue.fromS(e.metadata().commandId()));
        image.put("correlationId", AttributeValue.fromS(e.metadata().correlationId()));
        image.put("causationId", AttributeValue.fromS(e.metadata().causationId()));
        image.put("actor", AttributeValue.fromS(e.metadata().actor()));
        image.put("occurredAt", AttributeValue.fromS(e.metadata().occurredAt().toString()));
        image.put("recordedAt", AttributeValue.fromS(e.recordedAt().toString()));
        return record("INSERT", e.streamId(), e.version(), image, sequenceNumber);
    }

    /** An inserted item whose image is not an event (no eventId, no times). */
    static ChangeRecord broken(String streamId, long version, long sequenceNumber) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("streamId", AttributeValue.fromS(streamId));
        image.put("version", AttributeValue.fromN(Long.toString(version)));
        return record("INSERT", streamId, version, image, sequenceNumber);
    }

    static ChangeRecord record(
            String eventName, String streamId, long version, Map<String, AttributeValue> image, long sequenceNumber) {
        return record(
                eventName,
                Map.of(
                        "streamId",
                        AttributeValue.fromS(streamId),
                        "version",
                        AttributeValue.fromN(Long.toString(version))),
                image,
                sequenceNumber);
    }

    static ChangeRecord record(
            String eventName,
            Map<String, AttributeValue> keys,
            Map<String, AttributeValue> image,
            long sequenceNumber) {
        return new ChangeRecord(
                "rec-" + sequenceNumber,
                eventName,
                null,
                "aws:dynamodb",
                "us-east-1",
                "arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/2026",
                StreamRecord.builder()
                        .keys(keys)
                        .newImage(image)
                        .sequenceNumber(Long.toString(sequenceNumber))
                        .sizeBytes(100L)
                        .build(),
                null);
    }

    static StreamEvent batch(ChangeRecord... records) {
        return new StreamEvent(List.of(records));
    }
}
