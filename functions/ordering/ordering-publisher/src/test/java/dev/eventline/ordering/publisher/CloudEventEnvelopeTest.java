package dev.eventline.ordering.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.RecordedEvent;
import org.junit.jupiter.api.Test;

class CloudEventEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudEventEnvelope envelope = new CloudEventEnvelope();

    @Test
    void envelope_carries_identity_order_and_causality_of_the_stored_event() throws Exception {
        RecordedEvent event = StreamRecordFixtures.shipped("o-1", 12);

        JsonNode json = JSON.readTree(envelope.toJson(event));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("id").asText()).isEqualTo(event.eventId());
        assertThat(json.path("source").asText()).isEqualTo("eventline.ordering");
        assertThat(json.path("type").asText()).isEqualTo("OrderShipped");
        assertThat(json.path("subject").asText()).isEqualTo("Order-o-1");
        assertThat(json.path("time").asText()).isEqualTo("2026-03-01T10:15:31.25Z");
        assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.path("dataschema").asText()).isEqualTo("urn:eventline:schemas:ordering:OrderShipped:v2");
        assertThat(json.path("sequence").asText()).isEqualTo("0000000000000000012");
        assertThat(json.path("correlationid").asText()).isEqualTo("corr-Order-o-1");
        assertThat(json.path("causationid").asText()).isEqualTo("cause-12");
        assertThat(json.path("xraytraceid").asText()).startsWith("Root=1-5759e988");
    }

    @Test
    void data_is_embedded_as_json_not_as_a_string() throws Exception {
        JsonNode json = JSON.readTree(envelope.toJson(StreamRecordFixtures.shipped("o-2", 5)));

        assertThat(json.path("data").isObject()).isTrue();
        assertThat(json.path("data").path("trackingNumber").asText()).isEqualTo("TRK-o-2");
    }

    @Test
    void sequence_sorts_lexicographically_like_the_version() {
        assertThat(CloudEventEnvelope.sequence(10)).isGreaterThan(CloudEventEnvelope.sequence(9));
        assertThat(CloudEventEnvelope.sequence(Long.MAX_VALUE)).hasSize(19);
    }
}
