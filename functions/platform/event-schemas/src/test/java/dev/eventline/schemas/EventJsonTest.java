package dev.eventline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private final ObjectNode node = EventJson.parseObject("""
            {"s": "text", "n": 42, "big": 10000000000, "f": 1.5, "t": "2025-03-01T09:00:00.250Z", "nul": null, "a": [1]}
            """);

    @Test
    void reads_typed_fields() {
        assertThat(EventJson.text(node, "s")).isEqualTo("text");
        assertThat(EventJson.intValue(node, "n")).isEqualTo(42);
        assertThat(EventJson.longValue(node, "big")).isEqualTo(10_000_000_000L);
        assertThat(EventJson.instant(node, "t")).isEqualTo(Instant.parse("2025-03-01T09:00:00.250Z"));
        assertThat(EventJson.array(node, "a")).hasSize(1);
        assertThat(EventJson.optionalText(node, "nul")).isNull();
        assertThat(EventJson.optionalText(node, "absent")).isNull();
    }

    @Test
    void names_the_field_and_its_actual_type_but_never_the_value() {
        assertThatThrownBy(() -> EventJson.text(node, "n")).hasMessage("field 'n' must be a string, was number");
        assertThatThrownBy(() -> EventJson.longValue(node, "f")).hasMessage("field 'f' must be an integer, was number");
        assertThatThrownBy(() -> EventJson.intValue(node, "big"))
                .hasMessage("field 'big' must be a 32-bit integer, was number");
        assertThatThrownBy(() -> EventJson.text(node, "absent"))
                .hasMessage("field 'absent' must be a string, was missing");
        assertThatThrownBy(() -> EventJson.instant(node, "s")).hasMessageContaining("not an ISO-8601 instant");
    }

    @Test
    void parse_object_refuses_malformed_json_non_objects_and_duplicate_keys() {
        assertThatThrownBy(() -> EventJson.parseObject("{\"a\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> EventJson.parseObject("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> EventJson.parseObject("{\"a\":1,\"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void write_is_compact_json() {
        assertThat(EventJson.write(EventJson.object().put("a", 1).put("b", "x")))
                .isEqualTo("{\"a\":1,\"b\":\"x\"}");
    }
}
