package dev.eventline.ordering.projector;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderState;
import dev.eventline.streams.StreamWork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * X-Ray annotations for one stream of a batch: its latest event's correlation id and the trace of
 * the command that recorded it, so a projection can be found from the request that caused it.
 */
final class TraceAnnotations {
    private TraceAnnotations() {}

    static Map<String, String> of(StreamWork<OrderState> work) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("streamId", work.streamId());
        Optional<RecordedEvent> latest = work.events().isEmpty()
                ? work.slice().latestEvent()
                : Optional.of(work.events().getLast());
        latest.ifPresent(event -> {
            annotations.put("correlationId", event.metadata().correlationId());
            annotations.put("causationId", event.metadata().causationId());
            annotations.put("eventId", event.eventId());
            annotations.put("originTraceId", rootOf(event.metadata().traceId()));
        });
        return annotations;
    }

    /**
     * A link to the command that recorded each of the stream's events, with the ids that relate them:
     * the projection belongs to those requests' traces without being part of their invocations.
     */
    static List<Tracing.Link> links(StreamWork<OrderState> work) {
        return work.events().stream().map(TraceAnnotations::linkTo).toList();
    }

    static Tracing.Link linkTo(RecordedEvent event) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("eventId", event.eventId());
        attributes.put("correlationId", event.metadata().correlationId());
        attributes.put("causationId", event.metadata().causationId());
        return Tracing.Link.to(event.metadata().traceId(), attributes);
    }

    /** {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...;Sampled=1} gives the Root value; null stays null. */
    static String rootOf(String traceHeader) {
        if (traceHeader == null) {
            return null;
        }
        for (String part : traceHeader.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("Root=")) {
                return trimmed.substring("Root=".length());
            }
        }
        return traceHeader;
    }
}
