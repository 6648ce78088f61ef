package dev.eventline.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.lambda.LambdaEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private final EmfMetrics metrics = new EmfMetrics("Eventline", "ordering-projector", lines::add, CLOCK, true);

    @Test
    void counts_are_summed_into_one_emf_line_with_the_service_dimension() throws Exception {
        metrics.count("EventsProjected", 3);
        metrics.count("EventsProjected", 4);
        metrics.count("DuplicatesSkipped", 1);
        metrics.flush();

        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(CLOCK.millis());
        assertThat(directive.get("Namespace").asText()).isEqualTo("Eventline");
        assertThat(directive.at("/Dimensions/0").toString()).isEqualTo("[\"Service\"]");
        assertThat(directive.get("Metrics").toString())
                .isEqualTo(
                        "[{\"Name\":\"EventsProjected\",\"Unit\":\"Count\"},{\"Name\":\"DuplicatesSkipped\",\"Unit\":\"Count\"}]");
        assertThat(line.get("Service").asText()).isEqualTo("ordering-projector");
        assertThat(line.get("EventsProjected").asDouble()).isEqualTo(7);
        assertThat(line.get("DuplicatesSkipped").asDouble()).isEqualTo(1);
    }

    @Test
    void a_metric_with_an_extra_dimension_gets_its_own_line_per_value() throws Exception {
        metrics.count("Reads", 1, "ReadSource", "projection");
        metrics.count("Reads", 1, "ReadSource", "events");
        metrics.count("Reads", 1, "ReadSource", "events");
        metrics.flush();

        assertThat(lines).hasSize(2);
        JsonNode events = JSON.readTree(lines.get(1));
        assertThat(events.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
                .isEqualTo("[\"Service\",\"ReadSource\"]");
        assertThat(events.get("ReadSource").asText()).isEqualTo("events");
        assertThat(events.get("Reads").asDouble()).isEqualTo(2);
    }

    @Test
    void timings_keep_every_value_at_most_a_hundred_per_line() throws Exception {
        for (int i = 0; i < 150; i++) {
            metrics.milliseconds("ProjectionLagMs", i);
        }
        metrics.flush();

        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(0)).get("ProjectionLagMs")).hasSize(100);
        assertThat(JSON.readTree(lines.get(1)).get("ProjectionLagMs")).hasSize(50);
        assertThat(JSON.readTree(lines.get(1))
                        .at("/_aws/CloudWatchMetrics/0/Metrics/0/Unit")
                        .asText())
                .isEqualTo("Milliseconds");
    }

    @Test
    void flush_forgets_what_it_wrote_and_writes_nothing_when_empty() {
        metrics.count("EventsPublished", 1);
        metrics.flush();
        metrics.flush();

        assertThat(lines).hasSize(1);
    }

    @Test
    void configuration_comes_from_the_powertools_variables() {
        EmfMetrics configured = EmfMetrics.fromEnvironment(
                new LambdaEnvironment(
                        Map.of("POWERTOOLS_METRICS_NAMESPACE", "Shop", "POWERTOOLS_SERVICE_NAME", "publisher")),
                CLOCK);
        assertThat(configured.service()).isEqualTo("publisher");
        assertThat(EmfMetrics.serviceName(new LambdaEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn"))))
                .isEqualTo("fn");
    }

    @Test
    void disabled_metrics_write_nothing() {
        EmfMetrics disabled = new EmfMetrics("Eventline", "svc", lines::add, CLOCK, false);
        disabled.count("EventsPublished", 1);
        disabled.flush();
        assertThat(lines).isEmpty();
    }
}
