package dev.eventline.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The module's one general-purpose mapper. Built once per container because an ObjectMapper costs
 * milliseconds to create; only ever used with trees, so Jackson never introspects a bean. Request
 * bodies use the stricter mapper in {@link JsonBody}: this one also reads whole Lambda events,
 * whose body string may legitimately be megabytes long.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) { // a tree always serializes; this would be a Jackson bug
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Serializes with object keys sorted at every level, so that two documents differing only in
     * whitespace or key order give the same text (what idempotency fingerprints need).
     */
    static String canonical(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writeSorted(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeSorted(JsonGenerator generator, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                writeSorted(generator, node.get(name));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                writeSorted(generator, element);
            }
            generator.writeEndArray();
        } else {
            MAPPER.writeTree(generator, node);
        }
    }

    static Map<String, String> textFields(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value != null && !value.isNull()) {
                    values.put(field.getKey(), value.isValueNode() ? value.asText() : write(value));
                }
            }
        }
        return values;
    }
}
