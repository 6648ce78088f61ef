package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Stream records as Lambda delivers them for the events table, built from the stored item format
 * ({@link EventItem#toItem}) so that the tests feed exactly what the store writes.
 */
final class StreamRecordFixtures {
    private static final EventSchemas SCHEMAS =
            EventSchemas.forContext(OrderingUpcasters.CONTEXT, OrderingUpcasters.upcasters());
    private static final AtomicLong SEQUENCE = new AtomicLong(100_000_000_000_000_000L);
    /** When the fixtures' events were recorded: the store's clock when they are appended. */
    static final Instant RECORDED_AT = Instant.parse("2026-03-01T10:15:31.250Z");

    private StreamRecordFixtures() {}

    /** At the current schema version of its type, as the command side writes today. */
    static RecordedEvent event(String streamId, long version, String type, String data) {
        return event(streamId, version, type, SCHEMAS.currentVersion(type), data);
    }

    static RecordedEvent event(String streamId, long version, String type, int schemaVersion, String data) {
        return new RecordedEvent(
                streamId,
                version,
                UUID.randomUUID().toString(),
                type,
                schemaVersion,
                data,
                new EventMetadata(
                        "cmd-" + UUID.randomUUID(),
                        "corr-" + streamId,
                        "cause-" + version,
                        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                        "alice",
                        Instant.parse("2026-03-01T10:15:30Z")),
                RECORDED_AT);
    }

    static RecordedEvent shipped(String orderId, long version) {
        return event(
                "Order-" + orderId,
                version,
                "OrderShipped",
                "{\"orderId\":\"" + orderId + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"TRK-" + orderId
                        + "\",\"shippedAt\":\"2026-03-01T10:15:30Z\"}");
    }

    static RecordedEvent other(String orderId, long version, String type) {
        return event("Order-" + orderId, version, type, "{\"orderId\":\"" + orderId + "\"}");
    }

    static StreamEvent batch(List<ChangeRecord> records) {
        StreamEvent event = new StreamEvent(records);
        return event;
    }

    /** The stored events as the command side appends them (recordedAt is the fixtures' time). */
    static void store(EventStore store, List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            store.append(
                    event.streamId(),
                    event.version() - 1,
                    List.of(new NewEvent(
                            event.eventId(), event.type(), event.schemaVersion(), event.data(), event.metadata())));
        }
    }

    static ChangeRecord insert(RecordedEvent event) {
        return record("INSERT", event.streamId(), event.version(), image(event));
    }

    /** A change of an event item in place: what only a bug or a hand edit could do. */
    static ChangeRecord modify(RecordedEvent event) {
        return record("MODIFY", event.streamId(), event.version(), image(event));
    }

    /** A deletion of an event item (with NEW_IMAGE, the record has only the keys). */
    static ChangeRecord remove(RecordedEvent event) {
        return record("REMOVE", event.streamId(), event.version(), null);
    }

    private static Map<String, AttributeValue> image(RecordedEvent event) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.putAll(EventItem.toItem(event));
        return image;
    }

    /** An inserted item that is not an event: what a bug or a foreign writer could leave in the table. */
    static ChangeRecord unreadable(String streamId, long version) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("streamId", AttributeValue.fromS(streamId));
        image.put("version", AttributeValue.fromN(Long.toString(version)));
        image.put("garbage", AttributeValue.fromS("not an event"));
        return record("INSERT", streamId, version, image);
    }

    private static ChangeRecord record(
            String eventName, String streamId, long version, Map<String, AttributeValue> image) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("streamId", AttributeValue.fromS(streamId));
        keys.put("version", AttributeValue.fromN(Long.toString(version)));
        return new ChangeRecord(
                UUID.randomUUID().toString(),
                eventName,
                "1.1",
                "aws:dynamodb",
                "us-east-1",
                "arn:aws:dynamodb:us-east-1:123456789012:table/eventline-dev-ordering-events/stream/local",
                StreamRecord.builder()
                        .keys(keys)
                        .newImage(image)
                        .sequenceNumber(Long.toString(SEQUENCE.incrementAndGet()))
                        .approximateCreationDateTime(Instant.now())
                        .streamViewType(StreamViewType.NEW_IMAGE)
                        .sizeBytes(512L)
                        .build(),
                null);
    }
}
