package dev.eventline.local.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, so tools and tests can reach schemas/, events-samples/ and localstack/. */
public final class ProjectLayout {
    private ProjectLayout() {}

    public static Path root() {
        String configured = System.getProperty("eventline.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "localstack"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("localstack/requirements.txt"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "cannot find the Eventline root (a directory with localstack/requirements.txt) above "
                        + System.getProperty("user.dir") + "; set -Deventline.root");
    }

    /** The synthesized templates the local stack is provisioned from. */
    public static Path templates() {
        return root().resolve("localstack/template");
    }
}
