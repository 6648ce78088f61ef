package dev.eventline.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The JSON plumbing every event codec needs: one shared mapper, and field readers that fail with the
 * field's name. Codecs map records by hand through these instead of reflection-based data binding,
 * which costs a cold start dearly and would let a renamed record component silently rename a stored field.
 */
public final class EventJson {

    // A stored payload with a duplicated key is corrupt: which value "wins" must not depend on the parser.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private EventJson() {}

    /** The one mapper of this library, so that a cold start pays for one. */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @throws IllegalArgumentException when {@code json} is not one well-formed JSON object */
    public static ObjectNode parseObject(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(
                    "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return object;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serializes", e);
        }
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw wrong(field, "a string", value);
        }
        return value.textValue();
    }

    /** {@code null} when the field is absent or JSON null: how optional components are stored. */
    public static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return text(node, field);
    }

    public static long longValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(field, "an integer", value);
        }
        return value.longValue();
    }

    public static int intValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrong(field, "a 32-bit integer", value);
        }
        return value.intValue();
    }

    public static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 instant: " + text, e);
        }
    }

    public static ArrayNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (!(value instanceof ArrayNode array)) {
            throw wrong(field, "an array", value);
        }
        return array;
    }

    private static IllegalArgumentException wrong(String field, String expected, JsonNode value) {
        // The type, not the value: stored payloads may carry personal data that must not reach the logs.
        String actual =
                value == null ? "missing" : value.getNodeType().toString().toLowerCase(Locale.ROOT);
        return new IllegalArgumentException("field '" + field + "' must be " + expected + ", was " + actual);
    }
}
