package dev.eventline.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two versions of an event schema and names every change, breaking or not. Pure, so the
 * compatibility gate and its tests share it.
 *
 * <p>"Breaking" takes both sides of the contract: a stored old payload must still make sense under the new
 * schema (readers), and a consumer written against the old schema must still understand new payloads
 * (subscribers on the bus). So removing or renaming a field, adding a required one that old payloads
 * lack, changing a type, narrowing an enum, closing an open object or tightening a constraint all break;
 * adding an optional field, or a required one with a {@code default} the upcaster fills in, does not.
 */
public final class SchemaCompatibility {

    private static final List<String> LOWER_BOUNDS = List.of("minimum", "minLength", "minItems");
    private static final List<String> UPPER_BOUNDS = List.of("maximum", "maxLength", "maxItems");
    private static final List<String> EXACT_CONSTRAINTS = List.of("pattern", "format");

    private SchemaCompatibility() {}

    public enum Kind {
        PROPERTY_REMOVED(true),
        REQUIRED_REMOVED(true),
        REQUIRED_ADDED(true),
        TYPE_CHANGED(true),
        ENUM_NARROWED(true),
        ADDITIONAL_PROPERTIES_TIGHTENED(true),
        CONSTRAINT_TIGHTENED(true),
        PROPERTY_ADDED(false),
        REQUIRED_ADDED_WITH_DEFAULT(false),
        ENUM_WIDENED(false),
        ADDITIONAL_PROPERTIES_LOOSENED(false),
        CONSTRAINT_LOOSENED(false);

        private final boolean breaking;

        Kind(boolean breaking) {
            this.breaking = breaking;
        }

        public boolean breaking() {
            return breaking;
        }
    }

    /** @param path a JSON path into the payload, e.g. {@code $.lines[].unitPrice} */
    public record Change(Kind kind, String path, String detail) {
        public boolean breaking() {
            return kind.breaking();
        }

        @Override
        public String toString() {
            return kind + " " + path + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    public record Report(List<Change> changes) {
        public Report {
            changes = List.copyOf(changes);
        }

        public boolean isBreaking() {
            return changes.stream().anyMatch(Change::breaking);
        }

        public List<Change> breakingChanges() {
            return changes.stream().filter(Change::breaking).toList();
        }
    }

    public static Report compare(JsonNode older, JsonNode newer) {
        Objects.requireNonNull(older, "older");
        Objects.requireNonNull(newer, "newer");
        List<Change> changes = new ArrayList<>();
        compareSchemas("$", older, newer, changes);
        changes.sort(Comparator.comparing(Change::path).thenComparing(Change::kind));
        return new Report(changes);
    }

    private static void compareSchemas(String path, JsonNode older, JsonNode newer, List<Change> changes) {
        Set<String> olderTypes = types(older);
        Set<String> newerTypes = types(newer);
        if (!olderTypes.equals(newerTypes)) {
            // Below a type change nothing lines up any more; the change itself is the finding.
            changes.add(new Change(Kind.TYPE_CHANGED, path, describe(olderTypes) + " -> " + describe(newerTypes)));
            return;
        }
        compareEnums(path, older, newer, changes);
        compareConstraints(path, older, newer, changes);
        if (older.has("properties") || newer.has("properties") || olderTypes.contains("object")) {
            compareObjects(path, older, newer, changes);
        }
        if (older.has("items") && newer.has("items")) {
            compareSchemas(path + "[]", older.get("items"), newer.get("items"), changes);
        } else if (older.has("items") != newer.has("items")) {
            Kind kind = newer.has("items") ? Kind.CONSTRAINT_TIGHTENED : Kind.CONSTRAINT_LOOSENED;
            changes.add(new Change(kind, path, "items schema " + (newer.has("items") ? "added" : "removed")));
        }
    }

    private static void compareObjects(String path, JsonNode older, JsonNode newer, List<Change> changes) {
        JsonNode olderProperties = older.path("properties");
        JsonNode newerProperties = newer.path("properties");
        Set<String> olderRequired = strings(older.path("required"));
        Set<String> newerRequired = strings(newer.path("required"));
        for (String name : fieldNames(olderProperties)) {
            String child = path + "." + name;
            if (!newerProperties.has(name)) {
                changes.add(new Change(
                        Kind.PROPERTY_REMOVED, child, olderRequired.contains(name) ? "was required" : "was optional"));
            } else {
                compareSchemas(child, olderProperties.get(name), newerProperties.get(name), changes);
                if (olderRequired.contains(name) && !newerRequired.contains(name)) {
                    changes.add(new Change(Kind.REQUIRED_REMOVED, child, "no longer required"));
                }
            }
        }
        for (String name : fieldNames(newerProperties)) {
            String child = path + "." + name;
            boolean existed = olderProperties.has(name);
            if (newerRequired.contains(name) && !olderRequired.contains(name)) {
                boolean hasDefault = newerProperties.get(name).has("default");
                changes.add(new Change(
                        hasDefault ? Kind.REQUIRED_ADDED_WITH_DEFAULT : Kind.REQUIRED_ADDED,
                        child,
                        (existed ? "optional field became required" : "new required field")
                                + (hasDefault
                                        ? ", default "
                                                + newerProperties.get(name).get("default")
                                        : "")));
            } else if (!existed) {
                changes.add(new Change(Kind.PROPERTY_ADDED, child, "new optional field"));
            }
        }
        int olderOpenness = closedness(older.get("additionalProperties"));
        int newerOpenness = closedness(newer.get("additionalProperties"));
        if (newerOpenness > olderOpenness) {
            changes.add(new Change(
                    Kind.ADDITIONAL_PROPERTIES_TIGHTENED,
                    path,
                    older.get("additionalProperties") + " -> " + newer.get("additionalProperties")));
        } else if (newerOpenness < olderOpenness) {
            changes.add(new Change(
                    Kind.ADDITIONAL_PROPERTIES_LOOSENED,
                    path,
                    older.get("additionalProperties") + " -> " + newer.get("additionalProperties")));
        } else if (newerOpenness == 1) {
            compareSchemas(path + ".*", older.get("additionalProperties"), newer.get("additionalProperties"), changes);
        }
    }

    /** 0 = any extra property allowed, 1 = extras must match a schema, 2 = none allowed. */
    private static int closedness(JsonNode additionalProperties) {
        if (additionalProperties == null || (additionalProperties.isBoolean() && additionalProperties.booleanValue())) {
            return 0;
        }
        return additionalProperties.isObject() ? 1 : 2;
    }

    private static void compareEnums(String path, JsonNode older, JsonNode newer, List<Change> changes) {
        boolean olderHas = older.has("enum");
        boolean newerHas = newer.has("enum");
        if (!olderHas && !newerHas) {
            return;
        }
        Set<String> olderValues = olderHas ? jsonValues(older.get("enum")) : Set.of();
        Set<String> newerValues = newerHas ? jsonValues(newer.get("enum")) : Set.of();
        if (!olderHas) {
            changes.add(new Change(Kind.ENUM_NARROWED, path, "restricted to " + newerValues));
        } else if (!newerHas) {
            changes.add(new Change(Kind.ENUM_WIDENED, path, "no longer restricted"));
        } else {
            Set<String> removed = new TreeSet<>(olderValues);
            removed.removeAll(newerValues);
            Set<String> added = new TreeSet<>(newerValues);
            added.removeAll(olderValues);
            if (!removed.isEmpty()) {
                changes.add(new Change(Kind.ENUM_NARROWED, path, "removed " + removed));
            }
            if (!added.isEmpty()) {
                changes.add(new Change(Kind.ENUM_WIDENED, path, "added " + added));
            }
        }
    }

    private static void compareConstraints(String path, JsonNode older, JsonNode newer, List<Change> changes) {
        for (String keyword : LOWER_BOUNDS) {
            compareBound(path, keyword, older.get(keyword), newer.get(keyword), 1, changes);
        }
        for (String keyword : UPPER_BOUNDS) {
            compareBound(path, keyword, older.get(keyword), newer.get(keyword), -1, changes);
        }
        for (String keyword : EXACT_CONSTRAINTS) {
            JsonNode before = older.get(keyword);
            JsonNode after = newer.get(keyword);
            if (after != null && !after.equals(before)) {
                // Two patterns cannot be compared for inclusion, so any new or different one may reject old data.
                changes.add(new Change(Kind.CONSTRAINT_TIGHTENED, path, keyword + " " + before + " -> " + after));
            } else if (after == null && before != null) {
                changes.add(new Change(Kind.CONSTRAINT_LOOSENED, path, keyword + " " + before + " removed"));
            }
        }
    }

    /** {@code direction} 1: a larger value is tighter (minimum); -1: a smaller value is tighter (maximum). */
    private static void compareBound(
            String path, String keyword, JsonNode before, JsonNode after, int direction, List<Change> changes) {
        if (before == null && after == null) {
            return;
        }
        if (before != null && after != null && before.decimalValue().compareTo(after.decimalValue()) == 0) {
            return;
        }
        boolean tighter = after != null
                && (before == null || after.decimalValue().compareTo(before.decimalValue()) * direction > 0);
        changes.add(new Change(
                tighter ? Kind.CONSTRAINT_TIGHTENED : Kind.CONSTRAINT_LOOSENED,
                path,
                keyword + " " + before + " -> " + after));
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return Set.of();
        }
        return type.isArray() ? strings(type) : Set.of(type.asText());
    }

    private static String describe(Set<String> types) {
        return types.isEmpty() ? "any" : String.join("|", new TreeSet<>(types));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Set<String> jsonValues(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.toString()));
        return values;
    }

    private static List<String> fieldNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
