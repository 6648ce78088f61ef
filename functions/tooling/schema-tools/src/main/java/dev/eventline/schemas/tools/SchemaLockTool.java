package dev.eventline.schemas.tools;

import java.nio.file.Path;
import java.util.List;

/**
 * Locks new schema versions: {@code mvn -B -q -pl functions/tooling/schema-tools exec:java@schemas-lock}
 * (argument: the repository root; found from the working directory when absent). Versions already in the
 * lock are never rewritten, so this cannot be used to "accept" an edit to a published schema.
 */
public final class SchemaLockTool {

    private SchemaLockTool() {}

    public static void main(String[] args) {
        Path schemas = RepositoryRoot.fromArgs(args).resolve("schemas");
        SchemaLock lock = SchemaLock.read(schemas);
        List<SchemaLock.Version> added = lock.addNewVersions(schemas);
        if (added.isEmpty()) {
            System.out.println("schemas/" + SchemaLock.FILE + " already lists every schema version");
            return;
        }
        lock.write(schemas);
        added.forEach(version -> System.out.println("locked " + version.file()));
    }
}
