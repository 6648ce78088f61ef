package dev.eventline.infrastructure.constructs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The event schemas under {@code schemas/<context>/<EventType>/v<N>.schema.json}, latest version
 * of each event type only, in a stable order. A missing or empty folder means no schemas.
 */
public final class SchemaCatalog {

    static final String DRAFT_07 = "\"http://json-schema.org/draft-07/schema#\"";
    static final String DRAFT_04 = "\"http://json-schema.org/draft-04/schema#\"";
    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.schema\\.json");

    private SchemaCatalog() {}

    /** One event type's latest schema. */
    public record LatestSchema(String context, String eventType, int version, Path file) {
        /** {@code eventline.<context>@<EventType>}: the EventBridge convention {@code source@DetailType}. */
        public String schemaName() {
            return "eventline." + context + "@" + eventType;
        }

        /**
         * The schema as registered. The registry accepts OpenApi3 or JSONSchemaDraft4 only; our schemas
         * use draft-4 keywords alone (a test in schema-tools keeps it so) but declare draft-07 for the
         * validator, so the declared dialect is rewritten to the one the registry is told.
         */
        public String content() {
            try {
                return Files.readString(file).strip().replace(DRAFT_07, DRAFT_04);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + file, e);
            }
        }
    }

    public static List<LatestSchema> latestIn(Path schemasDirectory) {
        if (schemasDirectory == null || !Files.isDirectory(schemasDirectory)) {
            return List.of();
        }
        var latest = new ArrayList<LatestSchema>();
        for (Path context : directories(schemasDirectory)) {
            for (Path eventType : directories(context)) {
                latestVersion(eventType).ifPresent(latest::add);
            }
        }
        latest.sort(Comparator.comparing(LatestSchema::context).thenComparing(LatestSchema::eventType));
        return List.copyOf(latest);
    }

    private static Optional<LatestSchema> latestVersion(Path eventTypeDirectory) {
        LatestSchema best = null;
        for (Path file :
                entries(eventTypeDirectory).filter(Files::isRegularFile).toList()) {
            Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
            if (matcher.matches()) {
                int version = Integer.parseInt(matcher.group(1));
                if (best == null || version > best.version()) {
                    best = new LatestSchema(
                            eventTypeDirectory.getParent().getFileName().toString(),
                            eventTypeDirectory.getFileName().toString(),
                            version,
                            file);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Path> directories(Path parent) {
        return entries(parent).filter(Files::isDirectory).sorted().toList();
    }

    private static Stream<Path> entries(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
