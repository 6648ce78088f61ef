package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.KnownContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLockTest {

    @Test
    void hash_ignores_formatting_and_key_order_but_not_meaning() {
        JsonNode a = EventJson.parseObject("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}");
        JsonNode reordered = EventJson.parseObject("""
                {
                  "properties": { "a": { "type": "string" } },
                  "type": "object"
                }""");
        JsonNode reworded = EventJson.parseObject(
                "{\"type\":\"object\",\"description\":\"x\",\"properties\":{\"a\":{\"type\":\"string\"}}}");

        assertThat(SchemaLock.entryFor(reordered).sha256())
                .isEqualTo(SchemaLock.entryFor(a).sha256());
        assertThat(SchemaLock.entryFor(reworded).sha256())
                .isNotEqualTo(SchemaLock.entryFor(a).sha256());
    }

    @Test
    void shape_lists_every_field_by_path_with_type_format_and_optionality() {
        ObjectNode shape = SchemaLock.shape(KnownContexts.schemas("ordering").schema("OrderPlaced", 2));

        assertThat(shape.get("additionalProperties").asText()).isEqualTo("closed");
        assertThat(shape.get("fields").get("lines[].unitPrice").asText()).isEqualTo("integer");
        assertThat(shape.get("fields").get("lines[]").asText()).isEqualTo("object (closed)");
        assertThat(shape.get("fields").get("placedAt").asText()).isEqualTo("string<date-time>");
        assertThat(SchemaLock.shape(KnownContexts.schemas("accounts").schema("MoneyDeposited", 1))
                        .get("fields")
                        .get("reference")
                        .asText())
                .isEqualTo("string (optional)");
    }

    @Test
    void add_new_versions_adds_only_what_is_missing_and_the_file_is_stable(@TempDir Path schemas) throws IOException {
        Path file = schemas.resolve("shop/Thing/v1.schema.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"title\":\"Thing\",\"type\":\"object\"}");

        SchemaLock first = SchemaLock.read(schemas);
        assertThat(first.addNewVersions(schemas)).containsExactly(new SchemaLock.Version("shop", "Thing", 1));
        first.write(schemas);
        String written = Files.readString(schemas.resolve(SchemaLock.FILE));

        SchemaLock second = SchemaLock.read(schemas);
        assertThat(second.addNewVersions(schemas)).isEmpty();
        second.write(schemas);
        assertThat(Files.readString(schemas.resolve(SchemaLock.FILE)))
                .isEqualTo(written)
                .endsWith("}\n")
                .contains("\"sha256\": \"");
    }

    @Test
    void the_committed_lock_is_written_exactly_as_the_tool_would_write_it(@TempDir Path copy) throws IOException {
        Path committed = RepositoryRoot.find().resolve("schemas").resolve(SchemaLock.FILE);
        Files.copy(committed, copy.resolve(SchemaLock.FILE));

        SchemaLock.read(copy).write(copy);

        assertThat(Files.readString(copy.resolve(SchemaLock.FILE))).isEqualTo(Files.readString(committed));
    }
}
