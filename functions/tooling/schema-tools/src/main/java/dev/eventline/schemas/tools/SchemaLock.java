package dev.eventline.schemas.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.SchemaCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code schemas/compatibility.lock.json}: every published schema version with the SHA-256 of its canonical
 * form and a one-line-per-field summary of its shape (so a reviewer reads the diff of a new version here
 * instead of in nested JSON Schema). Entries are only ever added: a published version never changes.
 */
public final class SchemaLock {

    public static final String FILE = "compatibility.lock.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ABOUT =
            "Published event schema versions, immutable once listed here. Lock new versions with "
                    + "`mvn -B -q -pl functions/tooling/schema-tools exec:java@schemas-lock`; see docs/schemas.md.";

    /** context -> type -> version -> entry, all sorted so that the file is stable. */
    private final Map<String, Map<String, Map<Integer, Entry>>> entries;

    private SchemaLock(Map<String, Map<String, Map<Integer, Entry>>> entries) {
        this.entries = entries;
    }

    /** @param shape see {@link #shape(JsonNode)} */
    public record Entry(String sha256, ObjectNode shape) {}

    public record Version(String context, String type, int version) {
        /** The schema file, relative to the repository root. */
        public String file() {
            return "schemas/" + context + "/" + type + "/v" + version + ".schema.json";
        }
    }

    /** The lock in {@code schemasDirectory}, or an empty one when there is no file yet. */
    public static SchemaLock read(Path schemasDirectory) {
        Path file = schemasDirectory.resolve(FILE);
        Map<String, Map<String, Map<Integer, Entry>>> entries = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            JsonNode root;
            try {
                root = MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            root.path("schemas")
                    .properties()
                    .forEach(context -> context.getValue()
                            .properties()
                            .forEach(type -> type.getValue()
                                    .properties()
                                    .forEach(version -> entries.computeIfAbsent(context.getKey(), k -> new TreeMap<>())
                                            .computeIfAbsent(type.getKey(), k -> new TreeMap<>())
                                            .put(
                                                    Integer.parseInt(version.getKey()),
                                                    new Entry(
                                                            version.getValue()
                                                                    .path("sha256")
                                                                    .asText(),
                                                            version.getValue().path("shape") instanceof ObjectNode shape
                                                                    ? shape
                                                                    : MAPPER.createObjectNode())))));
        }
        return new SchemaLock(entries);
    }

    public Optional<Entry> entry(String context, String type, int version) {
        return Optional.ofNullable(entries.getOrDefault(context, Map.of())
                .getOrDefault(type, Map.of())
                .get(version));
    }

    public List<Version> versions() {
        List<Version> versions = new ArrayList<>();
        entries.forEach((context, types) -> types.forEach((type, byVersion) ->
                byVersion.keySet().forEach(version -> versions.add(new Version(context, type, version)))));
        return versions;
    }

    /**
     * Adds every schema version found under {@code schemasDirectory} that the lock does not list yet.
     * Listed versions are left exactly as they are, even when their file has changed since: that is for the
     * gate to report, not for the lock to paper over.
     *
     * @return the versions added
     */
    public List<Version> addNewVersions(Path schemasDirectory) {
        List<Version> added = new ArrayList<>();
        for (String context : SchemaCatalog.contextsIn(schemasDirectory)) {
            SchemaCatalog catalog = SchemaCatalog.fromDirectory(schemasDirectory, context);
            for (String type : catalog.types()) {
                for (int version : catalog.versions(type)) {
                    if (entry(context, type, version).isEmpty()) {
                        entries.computeIfAbsent(context, k -> new TreeMap<>())
                                .computeIfAbsent(type, k -> new TreeMap<>())
                                .put(version, entryFor(catalog.schema(type, version)));
                        added.add(new Version(context, type, version));
                    }
                }
            }
        }
        return added;
    }

    public void write(Path schemasDirectory) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("about", ABOUT);
        ObjectNode schemas = root.putObject("schemas");
        entries.forEach((context, types) -> {
            ObjectNode contextNode = schemas.putObject(context);
            types.forEach((type, byVersion) -> {
                ObjectNode typeNode = contextNode.putObject(type);
                byVersion.forEach((version, entry) -> {
                    ObjectNode versionNode = typeNode.putObject(Integer.toString(version));
                    versionNode.put("sha256", entry.sha256());
                    versionNode.set("shape", entry.shape());
                });
            });
        });
        try {
            Files.writeString(schemasDirectory.resolve(FILE), pretty(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the schema lock", e);
        }
    }

    public static Entry entryFor(JsonNode schema) {
        return new Entry(CanonicalJson.sha256(schema), shape(schema));
    }

    /**
     * The payload's fields as {@code path -> type}: {@code "lines[].unitPrice": "integer"},
     * {@code "placedAt": "string<date-time>"}, with {@code (optional)} and {@code (closed)} where they apply.
     */
    public static ObjectNode shape(JsonNode schema) {
        Map<String, String> fields = new TreeMap<>();
        describeProperties("", schema, fields);
        ObjectNode shape = MAPPER.createObjectNode();
        shape.put("additionalProperties", closed(schema) ? "closed" : "open");
        ObjectNode fieldsNode = shape.putObject("fields");
        fields.forEach(fieldsNode::put);
        return shape;
    }

    private static void describeProperties(String prefix, JsonNode schema, Map<String, String> fields) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String path = prefix + property.getKey();
            fields.put(
                    path, describe(property.getValue()) + (required.contains(property.getKey()) ? "" : " (optional)"));
            describeNested(path, property.getValue(), fields);
        }
    }

    private static void describeNested(String path, JsonNode schema, Map<String, String> fields) {
        if (schema.has("properties")) {
            describeProperties(path + ".", schema, fields);
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            fields.put(path + "[]", describe(items));
            describeNested(path + "[]", items, fields);
        }
    }

    private static String describe(JsonNode schema) {
        JsonNode type = schema.path("type");
        StringBuilder text = new StringBuilder(type.isArray() ? joined(type) : type.asText("any"));
        if (schema.has("format")) {
            text.append('<').append(schema.get("format").asText()).append('>');
        }
        if (schema.has("enum")) {
            text.append(' ').append(schema.get("enum"));
        }
        if (schema.has("properties") && closed(schema)) {
            text.append(" (closed)");
        }
        return text.toString();
    }

    private static boolean closed(JsonNode schema) {
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isBoolean() && !additional.booleanValue();
    }

    private static String joined(JsonNode types) {
        List<String> names = new ArrayList<>();
        types.forEach(type -> names.add(type.asText()));
        return String.join("|", names);
    }

    /** Two-space indent, {@code "key": value}, LF line ends whatever the OS, so the committed file is stable. */
    static String pretty(JsonNode node) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serializes", e);
        }
    }
}
