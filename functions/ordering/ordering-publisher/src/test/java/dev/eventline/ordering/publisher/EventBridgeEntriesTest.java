package dev.eventline.ordering.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventBridgeEntriesTest {
    private final EventBridgeEntries entries = new EventBridgeEntries("bus", new CloudEventEnvelope());

    @Test
    void entry_is_on_the_bus_with_source_and_the_event_type_as_detail_type_and_the_commands_trace() {
        PutEventsRequestEntry entry = entries.entryFor(StreamRecordFixtures.shipped("o-1", 5));

        assertThat(entry.eventBusName()).isEqualTo("bus");
        assertThat(entry.source()).isEqualTo("eventline.ordering");
        assertThat(entry.detailType()).isEqualTo("OrderShipped");
        assertThat(entry.traceHeader())
                .isEqualTo("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    }

    @Test
    void a_trace_id_that_is_not_an_x_ray_header_is_left_out_rather_than_refused_on_every_retry() {
        RecordedEvent event = StreamRecordFixtures.shipped("o-2", 5);
        EventMetadata m = event.metadata();
        RecordedEvent garbled = new RecordedEvent(
                event.streamId(),
                event.version(),
                event.eventId(),
                event.type(),
                event.schemaVersion(),
                event.data(),
                new EventMetadata(
                        m.commandId(), m.correlationId(), m.causationId(), "not-a-trace", m.actor(), m.occurredAt()),
                event.recordedAt());

        assertThat(entries.entryFor(garbled).traceHeader()).isNull();
    }
}
