package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/** One stored event as one EventBridge entry on the platform bus. */
final class EventBridgeEntries {
    private static final Pattern X_RAY_HEADER = Pattern.compile("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}(;|$)");

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
        if (traceId != null && X_RAY_HEADER.matcher(traceId).find()) {
            // continues the command's X-Ray trace into the targets (EventBridge propagates it); anything
            // else is left out: EventBridge would refuse the entry on every retry and stall the stream
            entry.traceHeader(traceId);
        }
        return entry.build();
    }
}
