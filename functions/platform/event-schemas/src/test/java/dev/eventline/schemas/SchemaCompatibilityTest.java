package dev.eventline.schemas;

import static dev.eventline.schemas.SchemaCompatibility.Kind.ADDITIONAL_PROPERTIES_LOOSENED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.ADDITIONAL_PROPERTIES_TIGHTENED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.CONSTRAINT_LOOSENED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.CONSTRAINT_TIGHTENED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.ENUM_NARROWED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.ENUM_WIDENED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.PROPERTY_ADDED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.PROPERTY_REMOVED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.REQUIRED_ADDED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.REQUIRED_ADDED_WITH_DEFAULT;
import static dev.eventline.schemas.SchemaCompatibility.Kind.REQUIRED_REMOVED;
import static dev.eventline.schemas.SchemaCompatibility.Kind.TYPE_CHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.SchemaCompatibility.Change;
import dev.eventline.schemas.SchemaCompatibility.Report;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private static final String BASE = """
            {
              "type": "object",
              "additionalProperties": false,
              "required": ["id", "amount", "status"],
              "properties": {
                "id": {"type": "string", "minLength": 1},
                "amount": {"type": "integer", "minimum": 0},
                "status": {"type": "string", "enum": ["OPEN", "CLOSED"]},
                "note": {"type": "string"},
                "lines": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["sku"],
                    "properties": {"sku": {"type": "string"}}
                  }
                }
              }
            }
            """;

    private static ObjectNode base() {
        return EventJson.parseObject(BASE);
    }

    private static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static ArrayNode required(ObjectNode schema) {
        return (ArrayNode) schema.get("required");
    }

    private static Report changedTo(ObjectNode newer) {
        return SchemaCompatibility.compare(base(), newer);
    }

    @Test
    void identical_schemas_have_no_changes() {
        assertThat(changedTo(base()).changes()).isEmpty();
    }

    @Test
    void optional_field_added_is_not_breaking() {
        ObjectNode newer = base();
        properties(newer).putObject("giftWrap").put("type", "boolean");

        Report report = changedTo(newer);

        assertThat(report.isBreaking()).isFalse();
        assertThat(report.changes()).containsExactly(new Change(PROPERTY_ADDED, "$.giftWrap", "new optional field"));
    }

    @Test
    void required_field_added_with_a_default_is_not_breaking_the_upcaster_fills_it_in() {
        ObjectNode newer = base();
        properties(newer).putObject("priority").put("type", "integer").put("default", 0);
        required(newer).add("priority");

        Report report = changedTo(newer);

        assertThat(report.isBreaking()).isFalse();
        assertThat(report.changes()).extracting(Change::kind).containsExactly(REQUIRED_ADDED_WITH_DEFAULT);
    }

    @Test
    void required_field_added_without_a_default_is_breaking_old_payloads_lack_it() {
        ObjectNode newer = base();
        properties(newer).putObject("priority").put("type", "integer");
        required(newer).add("priority");

        assertThat(changedTo(newer).breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(REQUIRED_ADDED, "$.priority"));
    }

    @Test
    void optional_field_made_required_is_breaking() {
        ObjectNode newer = base();
        required(newer).add("note");

        assertThat(changedTo(newer).breakingChanges()).extracting(Change::kind).containsExactly(REQUIRED_ADDED);
    }

    @Test
    void required_field_removed_is_breaking_consumers_rely_on_it() {
        ObjectNode newer = base();
        required(newer).removeAll();
        required(newer).add("id").add("status");

        assertThat(changedTo(newer).breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(REQUIRED_REMOVED, "$.amount"));
    }

    @Test
    void property_removed_is_breaking_even_an_optional_one() {
        ObjectNode newer = base();
        properties(newer).remove("note");

        assertThat(changedTo(newer).breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(PROPERTY_REMOVED, "$.note"));
    }

    @Test
    void property_type_changed_is_breaking() {
        ObjectNode newer = base();
        ((ObjectNode) properties(newer).get("amount")).put("type", "string");

        assertThat(changedTo(newer).breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(TYPE_CHANGED, "$.amount"));
    }

    @Test
    void enum_narrowed_is_breaking_but_widened_is_not() {
        ObjectNode narrowed = base();
        ((ObjectNode) properties(narrowed).get("status")).putArray("enum").add("OPEN");
        ObjectNode widened = base();
        ((ObjectNode) properties(widened).get("status"))
                .putArray("enum")
                .add("OPEN")
                .add("CLOSED")
                .add("ARCHIVED");

        assertThat(changedTo(narrowed).breakingChanges())
                .extracting(Change::kind)
                .containsExactly(ENUM_NARROWED);
        assertThat(changedTo(widened).isBreaking()).isFalse();
        assertThat(changedTo(widened).changes()).extracting(Change::kind).containsExactly(ENUM_WIDENED);
    }

    @Test
    void additional_properties_tightened_is_breaking_loosened_is_not() {
        ObjectNode open = base();
        open.put("additionalProperties", true);

        assertThat(SchemaCompatibility.compare(open, base()).breakingChanges())
                .extracting(Change::kind)
                .containsExactly(ADDITIONAL_PROPERTIES_TIGHTENED);
        assertThat(SchemaCompatibility.compare(base(), open).isBreaking()).isFalse();
        assertThat(SchemaCompatibility.compare(base(), open).changes())
                .extracting(Change::kind)
                .containsExactly(ADDITIONAL_PROPERTIES_LOOSENED);
    }

    @Test
    void nested_changes_are_found_with_their_path() {
        ObjectNode newer = base();
        ObjectNode line = (ObjectNode) properties(newer).get("lines").get("items");
        ((ObjectNode) line.get("properties")).remove("sku");
        ((ObjectNode) line.get("properties")).putObject("code").put("type", "string");
        ((ArrayNode) line.get("required")).removeAll().add("code");

        assertThat(changedTo(newer).breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(REQUIRED_ADDED, "$.lines[].code"), tuple(PROPERTY_REMOVED, "$.lines[].sku"));
    }

    @Test
    void constraint_tightened_is_breaking_loosened_is_not() {
        ObjectNode tighter = base();
        ((ObjectNode) properties(tighter).get("amount")).put("minimum", 1);
        ((ObjectNode) properties(tighter).get("note")).put("pattern", "^[a-z]+$");
        ObjectNode looser = base();
        ((ObjectNode) properties(looser).get("id")).remove("minLength");

        assertThat(changedTo(tighter).breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(CONSTRAINT_TIGHTENED, "$.amount"), tuple(CONSTRAINT_TIGHTENED, "$.note"));
        assertThat(changedTo(looser).isBreaking()).isFalse();
        assertThat(changedTo(looser).changes()).extracting(Change::kind).containsExactly(CONSTRAINT_LOOSENED);
    }

    @Test
    void description_only_changes_are_not_schema_changes() {
        ObjectNode newer = base();
        newer.put("description", "reworded");
        ((ObjectNode) properties(newer).get("id")).put("description", "the id");

        assertThat(changedTo(newer).changes()).isEmpty();
    }

    @Test
    void the_real_ordering_evolutions_are_classified_as_expected() {
        EventSchemas ordering = EventSchemas.forContext("ordering", OrderingUpcasters.upcasters());

        assertThat(SchemaCompatibility.compare(ordering.schema("OrderShipped", 1), ordering.schema("OrderShipped", 2))
                        .breakingChanges())
                .extracting(Change::kind, Change::path)
                .containsExactly(tuple(PROPERTY_REMOVED, "$.trackingCode"), tuple(REQUIRED_ADDED, "$.trackingNumber"));
        assertThat(SchemaCompatibility.compare(ordering.schema("OrderPlaced", 1), ordering.schema("OrderPlaced", 2))
                        .breakingChanges())
                .extracting(Change::path)
                .containsExactly("$.lines[].price", "$.lines[].unitPrice");
        assertThat(SchemaCompatibility.compare(ordering.schema("ItemAdded", 1), ordering.schema("ItemAdded", 2))
                        .isBreaking())
                .as("unitPrice is required with a default")
                .isFalse();
    }
}
