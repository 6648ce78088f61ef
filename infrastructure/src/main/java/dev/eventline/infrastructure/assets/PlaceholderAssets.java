package dev.eventline.infrastructure.assets;

import dev.eventline.infrastructure.config.FunctionSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Tiny, valid, deterministic jars standing in for the real function packages: for tests and for
 * the local template export, whose templates never carry code.
 */
public final class PlaceholderAssets {

    private PlaceholderAssets() {}

    /** Writes one placeholder jar per function into {@code directory}; returns assets reading them. */
    public static FunctionAssets createIn(Path directory) {
        try {
            Files.createDirectories(directory);
            String version = FunctionAssets.buildVersion();
            for (FunctionSpec spec : FunctionSpec.values()) {
                writeJar(directory.resolve(FunctionAssets.jarName(spec, version)), spec);
            }
            return FunctionAssets.in(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeJar(Path jar, FunctionSpec spec) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                var zip = new ZipOutputStream(out)) {
            var entry = new ZipEntry("PLACEHOLDER.txt");
            entry.setTime(0L);
            zip.putNextEntry(entry);
            zip.write(("placeholder for " + spec.module() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
