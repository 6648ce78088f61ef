package dev.eventline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventIds;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.EventItem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream images decode to the very event the store wrote, in the compact form and in the original one. */
class StreamRecordsTest {
    private static final Instant RECORDED = Instant.parse("2026-11-27T10:00:01.000123Z");

    private static Map<String, AttributeValue> imageAsTheStoreWritesIt(RecordedEvent event) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        EventItem.toItem(event)
                .forEach((name, value) -> image.put(
                        name, value.s() != null ? AttributeValue.fromS(value.s()) : AttributeValue.fromN(value.n())));
        return image;
    }

    @Test
    void a_compact_image_decodes_with_every_derived_field_filled_in() {
        RecordedEvent event = new RecordedEvent(
                "Order-1",
                3,
                EventIds.derived("Order-1", 3, "cmd-1"),
                "ItemAdded",
                1,
                "{\"sku\":\"A\"}",
                new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "user-42", RECORDED.minusMillis(4)),
                RECORDED);

        var record = TestRecords.record("INSERT", "Order-1", 3, imageAsTheStoreWritesIt(event), 1);

        assertThat(StreamRecords.toRecordedEvent(record)).isEqualTo(event);
        assertThat(StreamRecords.eventIdOf(record)).contains(event.eventId());
    }

    @Test
    void an_image_of_the_original_form_decodes_as_before() {
        RecordedEvent event = TestRecords.event("Order-2", 1);

        assertThat(StreamRecords.toRecordedEvent(TestRecords.insert(event, 1))).isEqualTo(event);
    }
}
