package dev.eventline.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The schema documents of one context, {@code schemas/<context>/<EventType>/v<N>.schema.json}, read either
 * from the classpath (what a Lambda runs with) or from the repository's {@code schemas/} folder (what the
 * gate, the lock and the AsyncAPI generator check). Versions of a type must run 1..N without gaps.
 */
public final class SchemaCatalog {

    static final Pattern SCHEMA_FILE = Pattern.compile("([A-Z][A-Za-z0-9]*)/v([1-9][0-9]*)\\.schema\\.json");
    private static final Pattern CONTEXT = Pattern.compile("[a-z][a-z0-9-]*");

    private final String context;
    private final Map<String, NavigableMap<Integer, ObjectNode>> schemas;

    private SchemaCatalog(String context, Map<String, NavigableMap<Integer, ObjectNode>> schemas) {
        this.context = context;
        this.schemas = schemas;
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("no event schemas for context '" + context + "'");
        }
        schemas.forEach((type, versions) -> {
            if (versions.firstKey() != 1 || versions.lastKey() != versions.size()) {
                throw new IllegalArgumentException("schemas of " + context + "/" + type
                        + " must be v1..vN without gaps, found " + versions.keySet());
            }
        });
    }

    /** Reads {@code /schemas/<context>/...} from the classpath, where the event-schemas jar carries them. */
    public static SchemaCatalog load(String context) {
        requireContext(context);
        ClassLoader loader = SchemaCatalog.class.getClassLoader();
        Map<String, NavigableMap<Integer, ObjectNode>> schemas = new TreeMap<>();
        for (String relative : ClasspathListing.filesUnder(loader, "schemas/" + context + "/")) {
            Matcher m = SCHEMA_FILE.matcher(relative);
            if (m.matches()) {
                String resource = "schemas/" + context + "/" + relative;
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("listed but unreadable: " + resource);
                    }
                    put(schemas, m, parse(EventJson.mapper().readTree(in), resource));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
            }
        }
        return new SchemaCatalog(context, freeze(schemas));
    }

    /** Reads {@code <schemasDirectory>/<context>/...}, e.g. the repository's {@code schemas/} folder. */
    public static SchemaCatalog fromDirectory(Path schemasDirectory, String context) {
        requireContext(context);
        Path root = schemasDirectory.resolve(context);
        Map<String, NavigableMap<Integer, ObjectNode>> schemas = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m =
                            SCHEMA_FILE.matcher(root.relativize(file).toString().replace('\\', '/'));
                    if (m.matches()) {
                        put(schemas, m, parse(EventJson.mapper().readTree(file.toFile()), file.toString()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schemas under " + root, e);
            }
        }
        return new SchemaCatalog(context, freeze(schemas));
    }

    /** The contexts (sub-folders) of a {@code schemas/} folder, sorted. */
    public static List<String> contextsIn(Path schemasDirectory) {
        try (Stream<Path> entries = Files.list(schemasDirectory)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + schemasDirectory, e);
        }
    }

    public String context() {
        return context;
    }

    public SortedSet<String> types() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(schemas.keySet()));
    }

    /** @throws IllegalArgumentException for a type this context has no schema for */
    public int latestVersion(String type) {
        return versionsOf(type).lastKey();
    }

    public List<Integer> versions(String type) {
        return List.copyOf(versionsOf(type).keySet());
    }

    /** A copy of the schema document, so that callers cannot alter what validators are built from. */
    public ObjectNode schema(String type, int version) {
        return document(type, version).deepCopy();
    }

    ObjectNode document(String type, int version) {
        ObjectNode schema = versionsOf(type).get(version);
        if (schema == null) {
            throw new IllegalArgumentException(context + "/" + type + " has no schema v" + version + " (versions "
                    + versionsOf(type).keySet() + ")");
        }
        return schema;
    }

    private NavigableMap<Integer, ObjectNode> versionsOf(String type) {
        NavigableMap<Integer, ObjectNode> versions = schemas.get(type);
        if (versions == null) {
            throw new IllegalArgumentException("unknown event type '" + type + "' in context " + context);
        }
        return versions;
    }

    private static void put(Map<String, NavigableMap<Integer, ObjectNode>> schemas, Matcher m, ObjectNode schema) {
        schemas.computeIfAbsent(m.group(1), t -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), schema);
    }

    private static ObjectNode parse(JsonNode node, String where) {
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(where + " is not a JSON Schema object");
        }
        return object;
    }

    private static Map<String, NavigableMap<Integer, ObjectNode>> freeze(
            Map<String, NavigableMap<Integer, ObjectNode>> schemas) {
        Map<String, NavigableMap<Integer, ObjectNode>> frozen = new TreeMap<>();
        schemas.forEach((type, versions) -> frozen.put(type, Collections.unmodifiableNavigableMap(versions)));
        return Collections.unmodifiableMap(frozen);
    }

    private static void requireContext(String context) {
        Objects.requireNonNull(context, "context");
        if (!CONTEXT.matcher(context).matches()) {
            throw new IllegalArgumentException("not a context name: '" + context + "'");
        }
    }
}
