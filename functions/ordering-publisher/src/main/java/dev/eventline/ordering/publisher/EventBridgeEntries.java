package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** One stored event as one EventBridge entry on the platform bus. */
final class EventBridgeEntries {
    private final String busName;
    private final CloudEventEnvelope envelope;

    EventBridgeEntries(String busName, CloudEventEnvelope envelope) {
        this.busName = busName;
        this.envelope = envelope;
    }

    PutEventsRequestEntry entryFor(RecordedEvent event) {
        PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(CloudEventEnvelope.SOURCE)
                .detailType(event.type())
                .time(event.recordedAt())
                .detail(envelope.toJson(event));
        String traceId = event.metadata().traceId();
        if (traceId != null && !traceId.isBlank()) {
            // continues the command's X-Ray trace into the targets (EventBridge propagates it)
            entry.traceHeader(traceId);
        }
        return entry.build();
    }
}
