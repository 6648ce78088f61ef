package dev.eventline.testsupport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchResultsTest {

    @TempDir
    Path dir;

    @Test
    void recorded_rows_read_back_in_order_with_unmeasured_figures_left_empty() {
        BenchResults results = new BenchResults(dir.resolve("target/bench-results.jsonl"));

        results.record(BenchRow.of("command: place").capacity(1, 0, 1.5, 0));
        results.record(BenchRow.of("lag").latency(210, 540.5));
        results.record(BenchRow.of("start-up").startup(15.7, 1_620));

        assertThat(results.read())
                .containsExactly(
                        new BenchRow("command: place", 1.0, 0.0, 1.5, 0.0, null, null, null, null),
                        new BenchRow("lag", null, null, null, null, 210.0, 540.5, null, null),
                        new BenchRow("start-up", null, null, null, null, null, null, 15.7, 1_620.0));
    }

    @Test
    void nothing_recorded_yet_reads_as_no_rows() {
        assertThat(new BenchResults(dir.resolve("absent.jsonl")).read()).isEmpty();
    }
}
