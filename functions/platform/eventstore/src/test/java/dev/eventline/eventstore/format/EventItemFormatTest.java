package dev.eventline.eventstore.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.eventstore.EventIds;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of an event: everything a reader saw before is read back, and less is stored. */
class EventItemFormatTest {
    private static final Instant RECORDED = Instant.parse("2026-11-27T10:00:01.123456789Z");

    /** An item as attribute name to value; numbers are kept apart from strings by a prefix. */
    private static final class MapItem implements EventItemFormat.Item, EventItemFormat.Writer {
        final Map<String, String> values = new LinkedHashMap<>();

        @Override
        public void string(String name, String value) {
            values.put(name, "S:" + value);
        }

        @Override
        public void number(String name, String value) {
            values.put(name, "N:" + value);
        }

        @Override
        public String string(String name) {
            String v = values.get(name);
            return v != null && v.startsWith("S:") ? v.substring(2) : null;
        }

        @Override
        public String number(String name) {
            String v = values.get(name);
            return v != null && v.startsWith("N:") ? v.substring(2) : null;
        }
    }

    private static MapItem written(RecordedEvent event) {
        MapItem item = new MapItem();
        EventItemFormat.write(event, item);
        return item;
    }

    @Test
    void an_event_with_everything_derivable_stores_only_keys_type_data_command_and_time() {
        RecordedEvent event = new RecordedEvent(
                "Order-1",
                7,
                EventIds.derived("Order-1", 7, "cmd-1"),
                "ItemAdded",
                1,
                "{\"sku\":\"A\"}",
                new EventMetadata("cmd-1", "cmd-1", "cmd-1", null, "anonymous", RECORDED),
                RECORDED);

        MapItem item = written(event);

        assertThat(item.values).containsOnlyKeys("streamId", "version", "t", "d", "c", "w");
        assertThat(EventItemFormat.read(item)).isEqualTo(event);
    }

    @Test
    void values_that_differ_from_their_defaults_are_stored_and_read_back_exactly() {
        RecordedEvent event = new RecordedEvent(
                "Order-1",
                8,
                "a-chosen-event-id",
                "OrderPlaced",
                3,
                "{}",
                new EventMetadata(
                        "cmd-2",
                        "corr-9",
                        "evt-upstream",
                        "Root=1-65f1a2b3-abcdefabcdefabcdefabcdef",
                        "user-42",
                        RECORDED.minus(Duration.ofNanos(2_500_001))),
                RECORDED);

        MapItem item = written(event);

        assertThat(item.values).containsKeys("i", "s", "r", "k", "x", "a", "o");
        assertThat(EventItemFormat.read(item)).isEqualTo(event);
    }

    @Test
    void timestamps_are_numbers_of_milliseconds_exact_to_the_nanosecond() {
        RecordedEvent event = new RecordedEvent(
                "Order-1",
                1,
                EventIds.derived("Order-1", 1, "c"),
                "T",
                1,
                "{}",
                new EventMetadata("c", "c", "c", null, "anonymous", RECORDED.plusMillis(3)),
                RECORDED);

        MapItem item = written(event);

        assertThat(item.number("w")).isEqualTo("1795773601123.456789");
        assertThat(item.number("o")).isEqualTo("-3");
        assertThat(EventItemFormat.read(item).metadata().occurredAt()).isEqualTo(RECORDED.plusMillis(3));
    }

    @Test
    void an_item_in_the_original_form_reads_as_before() {
        MapItem item = new MapItem();
        item.string("streamId", "Order-1");
        item.number("version", "2");
        item.string("eventId", "evt-2");
        item.string("type", "ItemAdded");
        item.number("schemaVersion", "2");
        item.string("data", "{}");
        item.string("commandId", "cmd");
        item.string("correlationId", "corr");
        item.string("causationId", "cause");
        item.string("traceId", "Root=1-x");
        item.string("actor", "user-42");
        item.string("occurredAt", "2026-11-27T10:00:00Z");
        item.string("recordedAt", "2026-11-27T10:00:01.5Z");

        assertThat(EventItemFormat.read(item))
                .isEqualTo(new RecordedEvent(
                        "Order-1",
                        2,
                        "evt-2",
                        "ItemAdded",
                        2,
                        "{}",
                        new EventMetadata(
                                "cmd", "corr", "cause", "Root=1-x", "user-42", Instant.parse("2026-11-27T10:00:00Z")),
                        Instant.parse("2026-11-27T10:00:01.5Z")));
    }

    @Test
    void an_item_missing_a_required_attribute_is_not_an_event() {
        MapItem item = new MapItem();
        item.string("streamId", "Order-1");
        item.number("version", "2");
        item.string("t", "ItemAdded");

        assertThatThrownBy(() -> EventItemFormat.read(item))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing attribute");
    }
}
