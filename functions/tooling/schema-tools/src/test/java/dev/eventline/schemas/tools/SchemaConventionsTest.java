package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.schemas.SchemaCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * House rules every schema file follows, so that the registry, the AsyncAPI document and the codecs can
 * rely on them: draft-07, an {@code $id} matching the file, the type as title, a description, objects closed,
 * times as date-time, currencies as ISO codes, and only keywords JSON Schema draft 4 also knows (the
 * EventBridge schema registry reads draft 4; it ignores {@code $id}, which it calls {@code id}).
 */
class SchemaConventionsTest {

    private static final Path SCHEMAS = RepositoryRoot.find().resolve("schemas");
    private static final Set<String> KEYWORDS = Set.of(
            "$schema",
            "$id",
            "title",
            "description",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "default",
            // ours: marks personal data, which must be sealed (draft 4 and the registry ignore it)
            "x-pii");

    record SchemaFile(String context, String type, int version, JsonNode schema) {
        @Override
        public String toString() {
            return context + "/" + type + "/v" + version;
        }
    }

    static Stream<SchemaFile> schemaFiles() {
        List<SchemaFile> files = new ArrayList<>();
        for (String context : SchemaCatalog.contextsIn(SCHEMAS)) {
            SchemaCatalog catalog = SchemaCatalog.fromDirectory(SCHEMAS, context);
            catalog.types()
                    .forEach(type -> catalog.versions(type)
                            .forEach(version ->
                                    files.add(new SchemaFile(context, type, version, catalog.schema(type, version)))));
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void identifies_itself(SchemaFile file) {
        JsonNode schema = file.schema();
        assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        // the same URN the publisher sends as the CloudEvents dataschema
        assertThat(schema.path("$id").asText())
                .isEqualTo("urn:eventline:schemas:" + file.context() + ":" + file.type() + ":v" + file.version());
        assertThat(schema.path("title").asText()).isEqualTo(file.type());
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(schema.path("type").asText()).isEqualTo("object");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void closes_every_object_and_lists_only_declared_fields_as_required(SchemaFile file) {
        forEachObject(file.schema(), "$", (path, object) -> {
            assertThat(object.path("additionalProperties").isBoolean()
                            && !object.path("additionalProperties").booleanValue())
                    .as("%s additionalProperties: false", path)
                    .isTrue();
            object.path("required")
                    .forEach(name -> assertThat(object.path("properties").has(name.asText()))
                            .as("%s.%s is declared", path, name)
                            .isTrue());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void spells_times_currencies_and_money_the_same_way(SchemaFile file) {
        forEachProperty(file.schema(), (name, property) -> {
            if (name.endsWith("At")) {
                assertThat(property.path("format").asText())
                        .as("%s is a date-time", name)
                        .isEqualTo("date-time");
            }
            if (name.equals("currency")) {
                assertThat(property.path("pattern").asText()).isEqualTo("^[A-Z]{3}$");
            }
            if (Set.of("unitPrice", "total", "amount", "balanceAfter", "overdraftLimit", "previousLimit", "newLimit")
                    .contains(name)) {
                assertThat(property.path("type").asText())
                        .as("%s is integer minor units", name)
                        .isEqualTo("integer");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void uses_only_keywords_draft4_also_understands(SchemaFile file) {
        List<String> unknown = new ArrayList<>();
        collectKeywords(file.schema(), unknown);
        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void personal_data_is_only_ever_a_sealed_token(SchemaFile file) {
        file.schema().path("properties").properties().forEach(property -> {
            if (property.getValue().path("x-pii").asBoolean(false)) {
                assertThat(property.getValue().path("type").asText())
                        .as("%s.%s", file, property.getKey())
                        .isEqualTo("string");
                assertThat(property.getValue().path("pattern").asText())
                        .as("%s.%s is sealed (pii1.<subject>.<keyId>.<sealed>)", file, property.getKey())
                        .startsWith("^pii1\\.");
            }
        });
    }

    private static void collectKeywords(JsonNode schema, List<String> unknown) {
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            if (!KEYWORDS.contains(keyword.getKey())) {
                unknown.add(keyword.getKey());
            }
        }
        schema.path("properties").forEach(property -> collectKeywords(property, unknown));
        if (schema.path("items").isObject()) {
            collectKeywords(schema.get("items"), unknown);
        }
    }

    private static void forEachObject(JsonNode schema, String path, BiConsumer<String, JsonNode> check) {
        if ("object".equals(schema.path("type").asText())) {
            check.accept(path, schema);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            forEachObject(property.getValue(), path + "." + property.getKey(), check);
        }
        if (schema.path("items").isObject()) {
            forEachObject(schema.get("items"), path + "[]", check);
        }
    }

    private static void forEachProperty(JsonNode schema, BiConsumer<String, JsonNode> check) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            check.accept(property.getKey(), property.getValue());
            forEachProperty(property.getValue(), check);
            if (property.getValue().path("items").isObject()) {
                forEachProperty(property.getValue().get("items"), check);
            }
        }
    }
}
