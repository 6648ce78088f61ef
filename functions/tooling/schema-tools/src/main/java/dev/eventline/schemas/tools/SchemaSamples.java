package dev.eventline.schemas.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The payload samples of {@code events-samples/schemas/<context>/<EventType>/v<N>[.<label>].json}: at least
 * one per type and version, old versions included, so golden tests cover every shape ever stored.
 */
public final class SchemaSamples {

    private static final Pattern SAMPLE =
            Pattern.compile("([A-Z][A-Za-z0-9]*)/v([1-9][0-9]*)(?:\\.([a-z0-9-]+))?\\.json");

    private SchemaSamples() {}

    /** @param name e.g. {@code OrderPlaced/v1.jpy}, unique within a context; a readable test display name */
    public record Sample(String context, String type, int version, String name, Path file) {
        public ObjectNode payload() {
            try {
                return EventJson.parseObject(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sample " + file, e);
            }
        }

        @Override
        public String toString() {
            return context + "/" + name;
        }
    }

    /** Every sample of a context, sorted by name; an unrecognised file name is an error, not silently skipped. */
    public static List<Sample> of(Path repositoryRoot, String context) {
        Path folder = repositoryRoot.resolve("events-samples/schemas").resolve(context);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> sample(context, folder, file))
                    .sorted(Comparator.comparing(Sample::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static Sample sample(String context, Path folder, Path file) {
        String relative = folder.relativize(file).toString().replace('\\', '/');
        Matcher m = SAMPLE.matcher(relative);
        if (!m.matches()) {
            throw new IllegalArgumentException("events-samples/schemas/" + context + "/" + relative
                    + " is not named <EventType>/v<N>[.<label>].json");
        }
        return new Sample(
                context, m.group(1), Integer.parseInt(m.group(2)), relative.substring(0, relative.length() - 5), file);
    }
}
