package dev.eventline.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The versioned JSON Schemas of one bounded context's events ({@code schemas/<context>/<Type>/v<N>.schema.json},
 * on the classpath as {@code /schemas/...}) and the upcaster chain that lifts stored payloads to the current version.
 *
 * <p>Writers validate against the current version before appending; readers upcast whatever version was stored.
 * Building an instance checks that the chain is complete, so a missing upcaster stops a Lambda at start-up
 * rather than on the first old event it meets in production.
 */
public final class EventSchemas {

    private static final ConcurrentMap<CacheKey, EventSchemas> CACHE = new ConcurrentHashMap<>();

    private final SchemaCatalog catalog;
    private final Upcasters upcasters;
    private final ConcurrentMap<Upcasters.Link, JsonSchema> validators = new ConcurrentHashMap<>();

    private EventSchemas(SchemaCatalog catalog, Upcasters upcasters) {
        this.catalog = catalog;
        this.upcasters = upcasters;
        requireCompleteChains();
    }

    /**
     * Loads (once, cached) the schemas of a context and its registered upcasters.
     *
     * @throws IllegalStateException when a type's chain misses a link or an upcaster has no schema to lift to
     */
    public static EventSchemas forContext(String context, Upcasters upcasters) {
        Objects.requireNonNull(upcasters, "upcasters");
        return CACHE.computeIfAbsent(
                new CacheKey(context, upcasters), key -> of(SchemaCatalog.load(context), upcasters));
    }

    /** Over an explicit catalog, e.g. the repository's {@code schemas/} folder; not cached. */
    public static EventSchemas of(SchemaCatalog catalog, Upcasters upcasters) {
        return new EventSchemas(
                Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(upcasters, "upcasters"));
    }

    public String context() {
        return catalog.context();
    }

    /** The latest schema version of an event type. @throws IllegalArgumentException for an unknown type */
    public int currentVersion(String type) {
        return catalog.latestVersion(type);
    }

    /** @throws InvalidEventException when the payload does not conform; a programming error, never user input */
    public void validate(String type, int version, JsonNode payload) {
        Objects.requireNonNull(payload, "payload");
        JsonSchema schema = validators.computeIfAbsent(
                new Upcasters.Link(type, version),
                key -> Validation.FACTORY.getSchema(catalog.document(type, version), Validation.CONFIG));
        Set<ValidationMessage> errors = schema.validate(payload);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(catalog.context() + " " + type + " v" + version
                    + " does not match its schema: "
                    + errors.stream()
                            .map(ValidationMessage::getMessage)
                            .sorted()
                            .collect(Collectors.joining("; ")));
        }
    }

    /**
     * Lifts a stored payload from {@code fromVersion} to the current version of its type through pure upcasters.
     * The argument is never modified; a payload already at the current version is returned as is.
     *
     * @throws IllegalArgumentException for an unknown type, a version this reader does not know (e.g. written by
     *                                  a newer deployment), a payload that is not an object, or an upcaster refusal
     */
    public JsonNode upcast(String type, int fromVersion, JsonNode payload) {
        Objects.requireNonNull(payload, "payload");
        int current = currentVersion(type);
        if (fromVersion < 1 || fromVersion > current) {
            throw new IllegalArgumentException(type + " v" + fromVersion + " is unknown here (current is v" + current
                    + "); a payload from a newer writer needs this reader deployed first");
        }
        if (fromVersion == current) {
            return payload;
        }
        if (!(payload instanceof ObjectNode object)) {
            throw new IllegalArgumentException(type + " v" + fromVersion + " payload is not a JSON object");
        }
        ObjectNode lifted = object.deepCopy();
        for (int version = fromVersion; version < current; version++) {
            Upcasters.Link link = new Upcasters.Link(type, version);
            lifted = upcasters.find(type, version).orElseThrow().upcast(lifted);
            if (lifted == null) {
                throw new IllegalStateException("upcaster " + link + " returned null");
            }
        }
        return lifted;
    }

    public Set<String> types() {
        return catalog.types();
    }

    /** The versions of a type, 1..current. */
    public List<Integer> versions(String type) {
        return catalog.versions(type);
    }

    /** A copy of a version's schema document. */
    public ObjectNode schema(String type, int version) {
        return catalog.schema(type, version);
    }

    public Upcasters upcasters() {
        return upcasters;
    }

    private void requireCompleteChains() {
        List<String> problems = new ArrayList<>();
        for (String type : catalog.types()) {
            for (int version = 1; version < catalog.latestVersion(type); version++) {
                if (!upcasters.has(type, version)) {
                    problems.add("missing upcaster " + new Upcasters.Link(type, version));
                }
            }
        }
        for (Upcasters.Link link : upcasters.links()) {
            if (!catalog.types().contains(link.type())) {
                problems.add("upcaster " + link + " is for a type without schemas");
            } else if (link.fromVersion() >= catalog.latestVersion(link.type())) {
                problems.add("upcaster " + link + " lifts to a version without a schema (current is v"
                        + catalog.latestVersion(link.type()) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "event schemas of context '" + catalog.context() + "' are inconsistent with " + "their upcasters: "
                            + problems.stream().sorted().collect(Collectors.joining("; ")));
        }
    }

    /**
     * Loaded on the first {@link #validate}, not with this class: functions that only decode (projectors, query
     * APIs) never pay the validator library's start-up. Draft-07: the validator supports it fully, AsyncAPI's
     * schema format is its superset, and keeping to its draft-4-compatible keywords lets the EventBridge schema
     * registry (JSONSchemaDraft4) take the same files. Formats are asserted: a malformed date-time is an error.
     */
    private static final class Validation {
        static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        static final SchemaValidatorsConfig CONFIG =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    /** Upcasters compare by identity: one registry instance per context, as codecs hold them in constants. */
    private record CacheKey(String context, Upcasters upcasters) {}
}
