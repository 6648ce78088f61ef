package dev.eventline.testsupport;

import dev.eventline.local.emulator.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sample payloads from {@code events-samples/}: tests load them instead of pasting JSON inline. */
public final class Samples {
    private Samples() {}

    public static Path path(String relative) {
        Path file = ProjectLayout.root().resolve("events-samples").resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no sample events-samples/" + relative);
        }
        return file;
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
