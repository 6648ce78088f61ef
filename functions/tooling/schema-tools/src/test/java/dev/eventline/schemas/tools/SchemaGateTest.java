package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.Upcasters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gate refuses, on a throw-away {@code schemas/} folder with one context "shop" and one type "Thing". */
class SchemaGateTest {

    @TempDir
    Path schemas;

    private static ObjectNode thingV1() {
        ObjectNode schema = EventJson.object()
                .put("$schema", "http://json-schema.org/draft-07/schema#")
                .put("title", "Thing")
                .put("type", "object")
                .put("additionalProperties", false);
        schema.putArray("required").add("id").add("code");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("id").put("type", "string");
        properties.putObject("code").put("type", "string");
        return schema;
    }

    private static ObjectNode withOptionalNote(ObjectNode schema) {
        ((ObjectNode) schema.get("properties")).putObject("note").put("type", "string");
        return schema;
    }

    private static ObjectNode withCodeRenamedReference(ObjectNode schema) {
        ((ObjectNode) schema.get("properties")).remove("code");
        ((ObjectNode) schema.get("properties")).putObject("reference").put("type", "string");
        ((ArrayNode) schema.get("required")).removeAll().add("id").add("reference");
        return schema;
    }

    private void write(int version, String content) throws IOException {
        Path file = schemas.resolve("shop/Thing/v" + version + ".schema.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void write(int version, ObjectNode schema) throws IOException {
        write(version, SchemaLock.pretty(schema));
    }

    private void lock() {
        SchemaLock lock = SchemaLock.read(schemas);
        lock.addNewVersions(schemas);
        lock.write(schemas);
    }

    private List<String> violations(Upcasters upcasters) {
        return SchemaGate.violations(schemas, Map.of("shop", upcasters));
    }

    @Test
    void locked_v1_with_no_evolution_passes() throws IOException {
        write(1, thingV1());
        lock();

        assertThat(violations(Upcasters.none())).isEmpty();
    }

    @Test
    void a_new_version_not_locked_yet_fails_until_the_lock_command_runs() throws IOException {
        write(1, thingV1());
        lock();
        write(2, withOptionalNote(thingV1()));
        Upcasters passThrough = Upcasters.builder().passThrough("Thing", 1).build();

        assertThat(violations(passThrough))
                .singleElement()
                .asString()
                .contains("schemas/shop/Thing/v2.schema.json is not locked yet")
                .contains("exec:java@schemas-lock");
        lock();
        assertThat(violations(passThrough)).isEmpty();
    }

    @Test
    void editing_a_published_version_fails_even_for_a_non_breaking_edit_and_says_to_add_the_next_version()
            throws IOException {
        write(1, thingV1());
        lock();
        write(1, withOptionalNote(thingV1()));

        assertThat(violations(Upcasters.none()))
                .singleElement()
                .asString()
                .contains("schemas/shop/Thing/v1.schema.json changed after it was published")
                .contains("put the change in v2.schema.json")
                .contains("upcaster Thing v1->v2");
    }

    @Test
    void reformatting_a_published_version_is_not_a_change() throws IOException {
        write(1, thingV1());
        lock();
        write(1, thingV1().toString()); // one line, no indentation

        assertThat(violations(Upcasters.none())).isEmpty();
    }

    @Test
    void locking_again_never_accepts_an_edit_to_a_published_version() throws IOException {
        write(1, thingV1());
        lock();
        write(1, withOptionalNote(thingV1()));
        lock();

        assertThat(violations(Upcasters.none())).singleElement().asString().contains("changed after it was published");
    }

    @Test
    void a_breaking_change_with_only_a_pass_through_fails_naming_the_breaking_changes() throws IOException {
        write(1, thingV1());
        write(2, withCodeRenamedReference(thingV1()));
        lock();

        assertThat(violations(Upcasters.builder().passThrough("Thing", 1).build()))
                .singleElement()
                .asString()
                .contains("shop/Thing v1->v2 is a breaking change")
                .contains("PROPERTY_REMOVED $.code")
                .contains("REQUIRED_ADDED $.reference")
                .contains("Upcasters.builder().register(\"Thing\", 1, payload -> ...)");
    }

    @Test
    void a_breaking_change_with_a_real_upcaster_passes() throws IOException {
        write(1, thingV1());
        write(2, withCodeRenamedReference(thingV1()));
        lock();
        Upcasters rename = Upcasters.builder()
                .register("Thing", 1, payload -> {
                    payload.set("reference", payload.remove("code"));
                    return payload;
                })
                .build();

        assertThat(violations(rename)).isEmpty();
    }

    @Test
    void a_non_breaking_new_version_still_needs_a_link_because_readers_walk_the_chain() throws IOException {
        write(1, thingV1());
        write(2, withOptionalNote(thingV1()));
        lock();

        assertThat(violations(Upcasters.none())).singleElement().asString().contains("missing upcaster Thing v1->v2");
        assertThat(violations(Upcasters.builder().passThrough("Thing", 1).build()))
                .isEmpty();
    }

    @Test
    void deleting_a_published_version_fails() throws IOException {
        write(1, thingV1());
        write(2, withOptionalNote(thingV1()));
        lock();
        Files.delete(schemas.resolve("shop/Thing/v2.schema.json"));

        assertThat(violations(Upcasters.builder().passThrough("Thing", 1).build()))
                .anySatisfy(violation ->
                        assertThat(violation).contains("schemas/shop/Thing/v2.schema.json was published but is gone"));
    }

    @Test
    void a_context_without_registered_upcasters_fails() throws IOException {
        write(1, thingV1());
        lock();

        assertThat(SchemaGate.violations(schemas, Map.of()))
                .singleElement()
                .asString()
                .contains("context 'shop' has schemas but no upcasters registered with the gate");
    }
}
