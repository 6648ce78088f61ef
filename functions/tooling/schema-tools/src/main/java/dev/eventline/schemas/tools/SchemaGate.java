package dev.eventline.schemas.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.SchemaCatalog;
import dev.eventline.schemas.SchemaCompatibility;
import dev.eventline.schemas.Upcasters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The compatibility gate over a {@code schemas/} folder: what the build refuses, each with the way out.
 * <ol>
 *   <li>A published (locked) version whose file changed, or disappeared: published versions are immutable.</li>
 *   <li>A version not locked yet: it must be locked (and committed) to count as published.</li>
 *   <li>A breaking change from vN to vN+1 without a real upcaster N -> N+1 (a pass-through does not count).</li>
 *   <li>A chain {@link EventSchemas} would refuse at start-up: a missing link, or one past the current version.</li>
 * </ol>
 */
public final class SchemaGate {

    static final String LOCK_COMMAND = "mvn -B -q -pl functions/tooling/schema-tools exec:java@schemas-lock";

    private SchemaGate() {}

    /** @param upcastersByContext the upcasters every context's codec registers; a context missing here is a violation */
    public static List<String> violations(Path schemasDirectory, Map<String, Upcasters> upcastersByContext) {
        List<String> violations = new ArrayList<>();
        SchemaLock lock = SchemaLock.read(schemasDirectory);
        for (SchemaLock.Version locked : lock.versions()) {
            if (!Files.isRegularFile(schemasDirectory
                    .resolve(locked.context())
                    .resolve(locked.type())
                    .resolve("v" + locked.version() + ".schema.json"))) {
                violations.add(locked.file() + " was published but is gone: restore it, stored events may still be at v"
                        + locked.version());
            }
        }
        for (String context : SchemaCatalog.contextsIn(schemasDirectory)) {
            SchemaCatalog catalog;
            try {
                catalog = SchemaCatalog.fromDirectory(schemasDirectory, context);
            } catch (IllegalArgumentException e) {
                violations.add(e.getMessage());
                continue;
            }
            checkPublished(catalog, lock, violations);
            Upcasters upcasters = upcastersByContext.get(context);
            if (upcasters == null) {
                violations.add("context '" + context + "' has schemas but no upcasters registered with the gate");
                continue;
            }
            checkEvolutions(catalog, upcasters, violations);
            try {
                EventSchemas.of(catalog, upcasters);
            } catch (IllegalStateException e) {
                violations.add(e.getMessage());
            }
        }
        return violations;
    }

    private static void checkPublished(SchemaCatalog catalog, SchemaLock lock, List<String> violations) {
        for (String type : catalog.types()) {
            for (int version : catalog.versions(type)) {
                SchemaLock.Version at = new SchemaLock.Version(catalog.context(), type, version);
                var entry = lock.entry(catalog.context(), type, version);
                if (entry.isEmpty()) {
                    violations.add(at.file() + " is not locked yet: when it is final, run `" + LOCK_COMMAND
                            + "` and commit schemas/" + SchemaLock.FILE);
                } else if (!entry.get()
                        .sha256()
                        .equals(SchemaLock.entryFor(catalog.schema(type, version))
                                .sha256())) {
                    int next = catalog.latestVersion(type) + 1;
                    violations.add(at.file() + " changed after it was published. Published versions are immutable: "
                            + "revert it, put the change in v" + next + ".schema.json, register an upcaster "
                            + type + " v" + (next - 1) + "->v" + next + " with the context's upcasters, then lock v"
                            + next + " with `" + LOCK_COMMAND + "`");
                }
            }
        }
    }

    private static void checkEvolutions(SchemaCatalog catalog, Upcasters upcasters, List<String> violations) {
        for (String type : catalog.types()) {
            for (int version = 1; version < catalog.latestVersion(type); version++) {
                JsonNode older = catalog.schema(type, version);
                JsonNode newer = catalog.schema(type, version + 1);
                SchemaCompatibility.Report report = SchemaCompatibility.compare(older, newer);
                boolean realUpcaster = upcasters.has(type, version) && !upcasters.isPassThrough(type, version);
                if (report.isBreaking() && !realUpcaster) {
                    violations.add(catalog.context() + "/" + type + " v" + version + "->v" + (version + 1)
                            + " is a breaking change ("
                            + report.breakingChanges().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "))
                            + ") and needs an upcaster: Upcasters.builder().register(\""
                            + type + "\", " + version + ", payload -> ...)");
                }
            }
        }
    }
}
