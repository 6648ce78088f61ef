package dev.eventline.testsupport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.local.emulator.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rows every benchmark of {@code make bench} adds to one table, one JSON line each in
 * {@code target/bench-results.jsonl} at the repository root; the summary reads them back. The benchmarks run
 * in separate Maven invocations (and modules), so a file is what they share. {@code make bench} empties it first.
 */
public final class BenchResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public BenchResults(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file the benchmarks of one {@code make bench} share. */
    public static BenchResults shared() {
        return new BenchResults(ProjectLayout.root().resolve("target/bench-results.jsonl"));
    }

    /** Appends a row; a benchmark's printed table stays its own, this only feeds the summary. */
    public void record(BenchRow row) {
        ObjectNode json = JSON.createObjectNode().put("scenario", row.scenario());
        put(json, "requests", row.requests());
        put(json, "rcu", row.rcu());
        put(json, "wcu", row.wcu());
        put(json, "eventsRead", row.eventsRead());
        put(json, "p50Ms", row.p50Ms());
        put(json, "p99Ms", row.p99Ms());
        put(json, "jarMb", row.jarMb());
        put(json, "startupMs", row.startupMs());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    JSON.writeValueAsString(json) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Every row recorded since the file was emptied, in the order the benchmarks ran. */
    public List<BenchRow> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<BenchRow> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode json = JSON.readTree(line);
                rows.add(new BenchRow(
                        json.path("scenario").asText(),
                        number(json, "requests"),
                        number(json, "rcu"),
                        number(json, "wcu"),
                        number(json, "eventsRead"),
                        number(json, "p50Ms"),
                        number(json, "p99Ms"),
                        number(json, "jarMb"),
                        number(json, "startupMs")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static void put(ObjectNode json, String field, Double value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static Double number(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asDouble() : null;
    }
}
