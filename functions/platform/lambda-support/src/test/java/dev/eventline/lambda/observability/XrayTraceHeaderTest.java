package dev.eventline.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XrayTraceHeaderTest {
    private static final String HEADER =
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0";

    @Test
    void a_lambda_header_names_the_remote_parent_and_its_sampling_decision() {
        SpanContext parent = XrayTraceHeader.parse(HEADER).orElseThrow();

        assertThat(parent.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(parent.getSpanId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(parent.isSampled()).isTrue();
        assertThat(parent.isRemote()).isTrue();
    }

    @Test
    void an_unsampled_header_keeps_its_decision() {
        assertThat(XrayTraceHeader.parse(HEADER.replace("Sampled=1", "Sampled=0"))
                        .orElseThrow()
                        .isSampled())
                .isFalse();
    }

    @Test
    void format_gives_back_the_header_parse_reads() {
        SpanContext parent = XrayTraceHeader.parse(HEADER).orElseThrow();

        assertThat(XrayTraceHeader.format(parent))
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Root=1-5759e988-bd862e3fe1be46a994272793",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000;Sampled=1",
                "Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8;Sampled=1",
                "Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8",
                "Root=1-5759e988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8",
                "garbage;;==;Parent=53995c3f42cd8ad8"
            })
    void a_header_without_a_valid_root_and_parent_starts_a_new_trace(String header) {
        assertThat(XrayTraceHeader.parse(header)).isEmpty();
    }

    @Test
    void an_oversized_header_is_not_parsed() {
        assertThat(XrayTraceHeader.parse(HEADER + ";" + "x=y;".repeat(100))).isEmpty();
    }
}
