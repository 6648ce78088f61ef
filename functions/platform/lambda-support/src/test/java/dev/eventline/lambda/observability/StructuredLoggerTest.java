package dev.eventline.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.lambda.observability.StructuredLogger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuredLoggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();
    private final StructuredLogger log = StructuredLogger.create(
            "ordering-projector",
            Level.INFO,
            lines::add,
            Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void every_line_is_one_json_object_with_the_bound_fields() throws Exception {
        StructuredLogger perRecord =
                log.with("correlationId", "corr-1").with("eventId", "ev-1").with("version", 3L);

        perRecord.info("event projected", Map.of("lagMs", 12L));

        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("message").asText()).isEqualTo("event projected");
        assertThat(line.get("service").asText()).isEqualTo("ordering-projector");
        assertThat(line.get("correlationId").asText()).isEqualTo("corr-1");
        assertThat(line.get("eventId").asText()).isEqualTo("ev-1");
        assertThat(line.get("version").asLong()).isEqualTo(3);
        assertThat(line.get("lagMs").asLong()).isEqualTo(12);
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-27T10:00:00Z");
    }

    @Test
    void a_stack_trace_stays_inside_the_line() throws Exception {
        log.with("eventId", "ev-2").error("projection failed", new IllegalStateException("boom\nsecond line"));

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).doesNotContain("\n");
        JsonNode error = JSON.readTree(lines.getFirst()).get("error");
        assertThat(error.get("type").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.get("message").asText()).isEqualTo("boom\nsecond line");
        assertThat(error.get("stack").asText()).contains("StructuredLoggerTest");
    }

    @Test
    void lines_below_the_threshold_are_not_written_and_parents_are_unchanged() {
        log.debug("hidden");
        log.with("eventId", "x");
        log.info("shown");

        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).doesNotContain("eventId");
    }
}
