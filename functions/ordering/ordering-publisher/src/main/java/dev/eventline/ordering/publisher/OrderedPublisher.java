package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.StructuredLogger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes a batch of stream events to EventBridge keeping each stream's order: an event goes out
 * only after every earlier event of its stream went out. Each PutEvents call (at most
 * {@value #MAX_ENTRIES} entries, the service limit) therefore carries at most one event per stream:
 * EventBridge may accept some entries of a call and refuse others, and two events of one stream in
 * the same call could be accepted out of order. Refused entries are retried alone, in later rounds;
 * a stream whose event is still refused after {@link RetryPolicy#maxAttempts()} stops for this
 * invocation, and that event and everything after it in its stream are reported as failures.
 */
final class OrderedPublisher {
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient eventBridge;
    private final EventBridgeEntries entries;
    private final RetryPolicy retryPolicy;
    private final StructuredLogger log;

    OrderedPublisher(EventBridgeClient eventBridge, EventBridgeEntries entries, RetryPolicy retryPolicy, StructuredLogger log) {
        this.eventBridge = eventBridge;
        this.entries = entries;
        this.retryPolicy = retryPolicy;
        this.log = log;
    }

    PublishOutcome publish(List<PendingEvent> batch) {
        Map<String, Deque<PendingEvent>> streams = new LinkedHashMap<>();
        List<PendingEvent> failed = new ArrayList<>();
        for (PendingEvent pending : batch) {
            Deque<PendingEvent> stream = streams.computeIfAbsent(pending.streamId(), id -> new ArrayDeque<>());
            // an unreadable record blocks its stream just like a refused one: later events must wait for it
            if (pending.event().isEmpty() || !failed.isEmpty() && blocks(failed, pending.streamId())) {
                failed.add(pending);
            } else {
                stream.add(pending);
            }
        }
        Map<PendingEvent, Integer> attempts = new HashMap<>();
        int published = 0;
        int retried = 0;
        int round = 0;
        while (true) {
            List<PendingEvent> heads = streams.values().stream().filter(s -> !s.isEmpty()).map(Deque::peekFirst).toList();
            if (heads.isEmpty()) {
                break;
            }
            if (round++ > 0 && heads.stream().anyMatch(attempts::containsKey)) {
                retryPolicy.pauseBefore(heads.stream().mapToInt(h -> attempts.getOrDefault(h, 0)).max().orElse(1));
            }
            for (int from = 0; from < heads.size(); from += MAX_ENTRIES) {
                List<PendingEvent> call = heads.subList(from, Math.min(heads.size(), from + MAX_ENTRIES));
                List<Optional<String>> errors = put(call);
                for (int i = 0; i < call.size(); i++) {
                    PendingEvent head = call.get(i);
                    Deque<PendingEvent> stream = streams.get(head.streamId());
                    if (errors.get(i).isEmpty()) {
                        stream.pollFirst();
                        published++;
                        if (attempts.remove(head) != null) {
                            retried++;
                        }
                    } else if (attempts.merge(head, 1, Integer::sum) >= retryPolicy.maxAttempts()) {
                        refused(head, errors.get(i).get(), attempts.get(head));
                        failed.addAll(stream);
                        stream.clear();
                    }
                }
            }
        }
        failed.sort(Comparator.comparingInt(PendingEvent::position));
        return new PublishOutcome(published, retried, failed.stream().map(PendingEvent::sequenceNumber).toList());
    }

    private void refused(PendingEvent head, String error, int attempts) {
        RecordedEvent event = head.event().orElseThrow(IllegalStateException::new);
        log.with("streamId", head.streamId()).with("sequenceNumber", head.sequenceNumber())
                .with("eventId", event.eventId()).with("correlationId", event.metadata().correlationId())
                .with("attempts", attempts).with("error", error)
                .warn("EventBridge refused an event; it and the rest of its stream are reported for retry");
    }

    private static boolean blocks(List<PendingEvent> failed, String streamId) {
        return failed.stream().anyMatch(f -> f.streamId().equals(streamId));
    }

    /** One PutEvents call; per entry, the error code when EventBridge refused it. */
    private List<Optional<String>> put(List<PendingEvent> call) {
        List<PutEventsRequestEntry> request = call.stream()
                .map(p -> entries.entryFor(p.event().orElseThrow(IllegalStateException::new))).toList();
        try {
            PutEventsResponse response = eventBridge.putEvents(b -> b.entries(request));
            List<PutEventsResultEntry> results = response.entries();
            List<Optional<String>> errors = new ArrayList<>(call.size());
            for (int i = 0; i < call.size(); i++) {
                // results line up with the request entries; a missing result is not a success
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                errors.add(result == null ? Optional.of("MissingResultEntry")
                        : Optional.ofNullable(result.errorCode()).map(code -> code + ": " + result.errorMessage()));
            }
            return errors;
        } catch (SdkException e) {
            // the SDK already retried the call; count it as one refused attempt of every entry
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            return call.stream().map(p -> Optional.of(error)).toList();
        }
    }
}
