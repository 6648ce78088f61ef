package dev.eventline.schemas.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as block-style YAML. Deliberately small: no YAML library on the Lambda class path,
 * and output that depends only on the tree (insertion order, LF endings), so a committed document can be
 * compared byte for byte with a fresh generation. Strings are double-quoted unless plainly safe, and a
 * double-quoted YAML string accepts JSON's escapes, so every string round-trips.
 */
final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_./-]*");
    // Words a YAML 1.1 reader would turn into booleans or null.
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private Yaml() {}

    static String write(JsonNode root) {
        StringBuilder out = new StringBuilder();
        writeMapping(root, 0, out);
        return out.toString();
    }

    private static void writeMapping(JsonNode object, int indent, StringBuilder out) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            out.append("  ".repeat(indent)).append(scalarText(field.getKey())).append(':');
            writeValue(field.getValue(), indent, out);
        }
    }

    /** After {@code key:} or {@code -}: a scalar or empty collection on the same line, else a nested block. */
    private static void writeValue(JsonNode value, int indent, StringBuilder out) {
        if (value.isObject() && !value.isEmpty()) {
            out.append('\n');
            writeMapping(value, indent + 1, out);
        } else if (value.isArray() && !value.isEmpty()) {
            out.append('\n');
            for (JsonNode element : value) {
                out.append("  ".repeat(indent + 1)).append('-');
                if (element.isObject() && !element.isEmpty()) {
                    // "- key: value" with the rest of the mapping aligned under the first key
                    StringBuilder nested = new StringBuilder();
                    writeMapping(element, indent + 2, nested);
                    out.append(' ').append(nested.substring((indent + 2) * 2));
                } else {
                    writeValue(element, indent + 1, out);
                }
            }
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private static String inline(JsonNode value) {
        if (value.isObject()) {
            return "{}";
        }
        if (value.isArray()) {
            return "[]";
        }
        if (value.isTextual()) {
            return scalarText(value.textValue());
        }
        return value.toString(); // numbers, booleans, null: JSON and YAML spell them alike
    }

    private static String scalarText(String text) {
        if (PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return TextNode.valueOf(text).toString(); // JSON quoting: valid YAML double-quoted scalar
    }
}
