package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.ordering.publisher.PublishOutcome.StreamProgress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes streams of events to EventBridge keeping each stream's order: an event goes out only
 * after every earlier event of its stream went out. Each PutEvents call (at most
 * {@value #MAX_ENTRIES} entries, the service limit) therefore carries at most one event per stream:
 * EventBridge may accept some entries of a call and refuse others, and two events of one stream in
 * the same call could be accepted out of order. Refused entries are retried alone, in later rounds;
 * a stream whose event is still refused after {@link RetryPolicy#maxAttempts()} stops there, and
 * nothing after that event is sent.
 */
final class OrderedPublisher {
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient eventBridge;
    private final EventBridgeEntries entries;
    private final RetryPolicy retryPolicy;
    private final StructuredLogger log;

    OrderedPublisher(
            EventBridgeClient eventBridge, EventBridgeEntries entries, RetryPolicy retryPolicy, StructuredLogger log) {
        this.eventBridge = eventBridge;
        this.entries = entries;
        this.retryPolicy = retryPolicy;
        this.log = log;
    }

    /** @param streams each stream's events, in version order */
    PublishOutcome publish(List<List<RecordedEvent>> streams) {
        List<Deque<RecordedEvent>> pending =
                streams.stream().<Deque<RecordedEvent>>map(ArrayDeque::new).toList();
        int[] published = new int[streams.size()];
        RecordedEvent[] refused = new RecordedEvent[streams.size()];
        String[] errors = new String[streams.size()];
        Map<RecordedEvent, Integer> attempts = new IdentityHashMap<>();
        int retried = 0;
        int round = 0;
        while (true) {
            List<Integer> heads = new ArrayList<>();
            for (int stream = 0; stream < pending.size(); stream++) {
                if (!pending.get(stream).isEmpty()) {
                    heads.add(stream);
                }
            }
            if (heads.isEmpty()) {
                break;
            }
            if (round++ > 0
                    && heads.stream()
                            .anyMatch(s -> attempts.containsKey(pending.get(s).peekFirst()))) {
                retryPolicy.pauseBefore(heads.stream()
                        .mapToInt(s -> attempts.getOrDefault(pending.get(s).peekFirst(), 0))
                        .max()
                        .orElse(1));
            }
            for (int from = 0; from < heads.size(); from += MAX_ENTRIES) {
                List<Integer> call = heads.subList(from, Math.min(heads.size(), from + MAX_ENTRIES));
                List<Optional<String>> callErrors =
                        put(call.stream().map(s -> pending.get(s).peekFirst()).toList());
                for (int i = 0; i < call.size(); i++) {
                    int stream = call.get(i);
                    RecordedEvent head = pending.get(stream).peekFirst();
                    if (callErrors.get(i).isEmpty()) {
                        pending.get(stream).pollFirst();
                        published[stream]++;
                        if (attempts.remove(head) != null) {
                            retried++;
                        }
                    } else if (attempts.merge(head, 1, Integer::sum) >= retryPolicy.maxAttempts()) {
                        refused[stream] = head;
                        errors[stream] = callErrors.get(i).get();
                        log.with("streamId", head.streamId())
                                .with("version", head.version())
                                .with("eventId", head.eventId())
                                .with("correlationId", head.metadata().correlationId())
                                .with("attempts", attempts.get(head))
                                .with("error", errors[stream])
                                .warn("EventBridge refused an event; nothing after it in its stream is published");
                        pending.get(stream).clear();
                    }
                }
            }
        }
        List<StreamProgress> progress = new ArrayList<>(streams.size());
        int total = 0;
        for (int stream = 0; stream < streams.size(); stream++) {
            progress.add(new StreamProgress(published[stream], refused[stream], errors[stream]));
            total += published[stream];
        }
        return new PublishOutcome(progress, total, retried);
    }

    /** One PutEvents call; per entry, the error code when EventBridge refused it. */
    private List<Optional<String>> put(List<RecordedEvent> call) {
        List<PutEventsRequestEntry> request =
                call.stream().map(entries::entryFor).toList();
        try {
            PutEventsResponse response = eventBridge.putEvents(b -> b.entries(request));
            List<PutEventsResultEntry> results = response.entries();
            List<Optional<String>> errors = new ArrayList<>(call.size());
            for (int i = 0; i < call.size(); i++) {
                // results line up with the request entries; a missing result is not a success
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                errors.add(
                        result == null
                                ? Optional.of("MissingResultEntry")
                                : Optional.ofNullable(result.errorCode())
                                        .map(code -> code + ": " + result.errorMessage()));
            }
            return errors;
        } catch (SdkException e) {
            // the SDK already retried the call; count it as one refused attempt of every entry
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            return call.stream().map(p -> Optional.of(error)).toList();
        }
    }
}
