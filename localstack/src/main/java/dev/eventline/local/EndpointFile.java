package dev.eventline.local;

import dev.eventline.local.emulator.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the running local stack's moto listens, in {@code target/local-stack.endpoint}: moto takes a
 * free port, and tools started later ({@code make redrive}, {@code ./eventline}) find it here without an export.
 */
public final class EndpointFile {
    private EndpointFile() {}

    public static Path path() {
        return ProjectLayout.root().resolve("target/local-stack.endpoint");
    }

    static void write(URI endpoint) {
        try {
            Files.createDirectories(path().getParent());
            Files.writeString(path(), endpoint.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(), e);
        }
    }

    static void delete() {
        try {
            Files.deleteIfExists(path());
        } catch (IOException e) {
            LocalLog.warn("cannot delete " + path() + ": " + e.getMessage());
        }
    }

    /** {@code AWS_ENDPOINT_URL} when set, else the running local stack's moto. */
    public static Optional<URI> resolve() {
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(URI.create(configured));
        }
        try {
            return Files.isRegularFile(path())
                    ? Optional.of(URI.create(
                            Files.readString(path(), StandardCharsets.UTF_8).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
