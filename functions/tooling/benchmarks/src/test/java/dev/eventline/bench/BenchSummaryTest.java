package dev.eventline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {

    @TempDir
    Path root;

    @Test
    void the_page_shows_every_recorded_row_and_every_function_jar_with_the_date_and_command() throws Exception {
        Path built = function("ordering/fn-built");
        Files.write(built.resolve("target/fn-built-0.1.0-SNAPSHOT-lambda.jar"), new byte[2 * 1_048_576]);
        function("ordering/fn-unbuilt");
        Files.createDirectories(root.resolve("functions/platform/library"));
        Files.writeString(root.resolve("functions/platform/library/pom.xml"), "<project/>");
        Files.createDirectories(root.resolve("docs"));
        BenchResults results = new BenchResults(root.resolve("target/bench-results.jsonl"));
        results.record(BenchRow.of("command: place a new order").capacity(1, 0, 1, 0));
        results.record(BenchRow.of("CPU decision").latency(0.0025, 0.012));
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        new BenchSummary(Clock.fixed(now, ZoneOffset.UTC), root, results).run();

        String page = Files.readString(root.resolve("docs/benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(page)
                .contains("`make bench` on 2026-11-30T12:00:00Z")
                .contains("| command: place a new order | 1 | 0 | 1 | 0 |  |  |  |  |")
                .contains("| CPU decision |  |  |  |  | 2.50 µs | 12.00 µs |  |  |")
                .contains("| Lambda jar: fn-built |  |  |  |  |  |  | 2.0 |  |")
                .contains("| Lambda jar: fn-unbuilt (not built) |")
                .doesNotContain("library");
    }

    @Test
    void the_hand_written_sections_after_the_table_survive_a_new_run() throws Exception {
        function("ordering/fn-unbuilt");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(
                root.resolve("docs/benchmarks.md"),
                "# Benchmarks\n\nold table\n\n## Jar sizes\n\nbefore and after\n",
                StandardCharsets.UTF_8);
        BenchResults results = new BenchResults(root.resolve("target/bench-results.jsonl"));
        results.record(BenchRow.of("command: place a new order").capacity(1, 0, 1, 0));

        new BenchSummary(Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC), root, results).run();

        String page = Files.readString(root.resolve("docs/benchmarks.md"), StandardCharsets.UTF_8);
        assertThat(page)
                .doesNotContain("old table")
                .contains("| command: place a new order |")
                .endsWith("\n## Jar sizes\n\nbefore and after\n");
        assertThat(page.indexOf("## Jar sizes")).isGreaterThan(page.indexOf("| command: place a new order |"));
    }

    private Path function(String path) throws Exception {
        Path module = root.resolve("functions").resolve(path);
        Files.createDirectories(module.resolve("target"));
        Files.writeString(
                module.resolve("pom.xml"),
                "<project><properties><eventline.deployable.skip>false</eventline.deployable.skip>"
                        + "</properties></project>");
        return module;
    }
}
