package dev.eventline.ordering.publisher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * The real EventBridge client (talking to moto) with chosen entries refused the way EventBridge
 * reports a partial failure: {@code FailedEntryCount > 0} and an {@code ErrorCode} on those result
 * entries, in request order. This is not a fake of AWS: every other entry goes through the real
 * client to the emulated bus, rules and queues. moto never refuses an entry, so the refusal is
 * injected here; refused entries are removed from the request before it is sent, so, as on AWS,
 * they are really not published.
 */
final class RefusingEventBridge implements EventBridgeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient delegate;
    private final Map<String, Integer> refusalsLeftByEventId = new ConcurrentHashMap<>();
    private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

    RefusingEventBridge(EventBridgeClient delegate) {
        this.delegate = delegate;
    }

    /** Refuses the entry of this event the next {@code times} times it is sent. */
    RefusingEventBridge refuse(String eventId, int times) {
        refusalsLeftByEventId.put(eventId, times);
        return this;
    }

    /** The event ids of each PutEvents call, in order. */
    List<List<String>> calls() {
        return List.copyOf(calls);
    }

    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
        List<String> ids =
                request.entries().stream().map(RefusingEventBridge::eventId).toList();
        calls.add(ids);
        List<PutEventsRequestEntry> sent = new ArrayList<>();
        boolean[] refused = new boolean[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int left = refusalsLeftByEventId.getOrDefault(ids.get(i), 0);
            refused[i] = left > 0;
            if (refused[i]) {
                refusalsLeftByEventId.put(ids.get(i), left - 1);
            }
            if (!refused[i]) {
                sent.add(request.entries().get(i));
            }
        }
        List<PutEventsResultEntry> delivered = sent.isEmpty()
                ? List.of()
                : delegate.putEvents(request.toBuilder().entries(sent).build()).entries();
        List<PutEventsResultEntry> results = new ArrayList<>();
        int next = 0;
        int failed = 0;
        for (boolean refusal : refused) {
            PutEventsResultEntry result = refusal
                    ? PutEventsResultEntry.builder()
                            .errorCode("ThrottlingException")
                            .errorMessage("Rate exceeded")
                            .build()
                    : delivered.get(next++);
            failed += result.errorCode() == null ? 0 : 1;
            results.add(result);
        }
        return PutEventsResponse.builder()
                .failedEntryCount(failed)
                .entries(results)
                .build();
    }

    private static String eventId(PutEventsRequestEntry entry) {
        try {
            return JSON.readTree(entry.detail()).path("id").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
