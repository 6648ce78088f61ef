package dev.eventline.infrastructure.assets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the repository root (the directory holding {@code functions/} and {@code infrastructure/}),
 * whether the app runs from the root ({@code mvn -pl infrastructure ...}), from
 * {@code infrastructure/} (the cdk CLI) or from a test.
 */
public final class RepositoryRoot {

    /** System property (set by the build) or CDK context key naming the root, or a directory inside it. */
    public static final String PROPERTY = "eventline.root";

    private RepositoryRoot() {}

    public static Path locate(Optional<String> hint) {
        Path start = hint.or(() -> Optional.ofNullable(System.getProperty(PROPERTY)))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(""))
                .toAbsolutePath()
                .normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("functions")) && Files.isDirectory(dir.resolve("infrastructure"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Eventline repository root (a directory with functions/ and "
                + "infrastructure/) from " + start + "; pass -c " + PROPERTY + "=<path> or -D" + PROPERTY + "=<path>");
    }
}
