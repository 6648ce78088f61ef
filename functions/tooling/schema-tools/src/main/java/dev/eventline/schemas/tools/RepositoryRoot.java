package dev.eventline.schemas.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where {@code schemas/}, {@code events-samples/} and {@code docs/} live; build-time tools only. */
public final class RepositoryRoot {

    private RepositoryRoot() {}

    /**
     * {@code -Deventline.root} when it points at the repository (the build sets it for tests), else the first
     * folder above the working directory holding both {@code schemas/} and {@code functions/}.
     */
    public static Path find() {
        String configured = System.getProperty("eventline.root");
        if (configured != null && !configured.isBlank() && isRoot(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find the Eventline repository (a folder with schemas/ and functions/) above "
                        + System.getProperty("user.dir") + "; pass -Deventline.root=<path>");
    }

    /** The root named by a tool's first argument, if any, else {@link #find()}. */
    static Path fromArgs(String[] args) {
        if (args.length > 0 && !args[0].isBlank()) {
            Path root = Path.of(args[0]).toAbsolutePath().normalize();
            if (!isRoot(root)) {
                throw new IllegalArgumentException(
                        root + " is not the Eventline repository root (no schemas/ and functions/)");
            }
            return root;
        }
        return find();
    }

    private static boolean isRoot(Path dir) {
        return Files.isDirectory(dir.resolve("schemas")) && Files.isDirectory(dir.resolve("functions"));
    }
}
