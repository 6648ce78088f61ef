package dev.eventline.streams;

import static dev.eventline.streams.TestRecords.event;
import static dev.eventline.streams.TestRecords.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The runtime with the in-memory event store (the reference implementation of the store's
 * contract) and a consumer that records what it is given: the guarantees every stream consumer
 * gets, without an emulator.
 */
class StreamConsumerRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:01Z"), ZoneOffset.UTC);

    private final InMemoryEventStore store = new InMemoryEventStore(CLOCK);
    private final RecordingConsumer consumer = new RecordingConsumer();
    private final List<String> metricLines = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();

    @Test
    void new_events_are_applied_once_in_version_order_and_duplicates_are_skipped() {
        store("Order-a", 3);
        consumer.checkpoints.put("Order-a", 1L);

        BatchResponse response = ordered(3)
                .process(TestRecords.batch(
                        insert(event("Order-a", 1), 10),
                        insert(event("Order-a", 3), 11),
                        insert(event("Order-a", 2), 12),
                        insert(event("Order-a", 3), 13)));

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(consumer.applied).containsExactly("Order-a@2", "Order-a@3");
        assertThat(metric("DuplicatesSkipped")).isEqualTo(2);
        assertThat(metric("GapsRepaired")).isZero();
    }

    @Test
    void a_gap_is_repaired_from_the_events_table_before_what_follows_it() {
        store("Order-a", 4);
        consumer.checkpoints.put("Order-a", 1L);

        ordered(3).process(TestRecords.batch(insert(event("Order-a", 4), 10)));

        assertThat(consumer.applied).containsExactly("Order-a@2", "Order-a@3", "Order-a@4");
        assertThat(metric("GapsRepaired")).isEqualTo(2);
    }

    @Test
    void nothing_is_applied_after_an_event_the_consumer_fails_on_and_lambda_resumes_there() {
        store("Order-b", 3);
        consumer.refused.add("Order-b@2");

        BatchResponse response = ordered(3)
                .process(TestRecords.batch(
                        insert(event("Order-b", 1), 20),
                        insert(event("Order-b", 2), 21),
                        insert(event("Order-b", 3), 22)));

        assertThat(failures(response)).containsExactly("21");
        assertThat(consumer.applied).containsExactly("Order-b@1");
        assertThat(consumer.checkpoints).containsEntry("Order-b", 1L);
    }

    @Test
    void the_lambda_entry_point_reads_the_stream_json_and_answers_the_partial_batch_response_json() throws Exception {
        store("Order-b", 3);
        consumer.refused.add("Order-b@2");
        StreamConsumerHandler handler = new StreamConsumerHandler(ordered(3)) {};
        String json = StreamRecordJson.writeEvent(TestRecords.batch(
                insert(event("Order-b", 1), 20), insert(event("Order-b", 2), 21), insert(event("Order-b", 3), 22)));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), answer, null);

        assertThat(answer.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"21\"}]}");
        assertThat(consumer.applied).containsExactly("Order-b@1");
    }

    @Test
    void an_undecodable_record_stops_its_stream_there_and_is_parked_once_it_has_failed_enough() throws Exception {
        store("Order-a", 3);

        BatchResponse response = ordered(1)
                .process(TestRecords.batch(
                        insert(event("Order-a", 1), 30),
                        TestRecords.broken("Order-a", 2, 31),
                        insert(event("Order-a", 3), 32)));

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(consumer.applied).containsExactly("Order-a@1");
        JsonNode parked = JSON.readTree(deadLetters.getFirst());
        assertThat(parked.get("reason").asText()).isEqualTo("poison");
        assertThat(parked.get("version").asLong()).isEqualTo(2);
        assertThat(parked.at("/record/dynamodb/SequenceNumber").asText()).isEqualTo("31");
    }

    @Test
    void a_stream_far_behind_catches_up_a_bounded_number_of_events_per_invocation() {
        int length = StreamSequencer.MAX_REPAIRED + 5;
        store("Order-c", length);
        StreamConsumerRuntime runtime = ordered(3);
        var batch = TestRecords.batch(insert(event("Order-c", length), 40));

        assertThat(failures(runtime.process(batch))).containsExactly("40");
        assertThat(consumer.applied).hasSize(StreamSequencer.MAX_REPAIRED);
        assertThat(runtime.process(batch).batchItemFailures()).isEmpty();
        assertThat(consumer.checkpoints).containsEntry("Order-c", (long) length);
    }

    @Test
    void a_stream_the_consumer_does_not_handle_is_poison() throws Exception {
        BatchResponse response = ordered(1).process(TestRecords.batch(insert(event("Other-x", 1), 50)));

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(JSON.readTree(deadLetters.getFirst()).at("/error/message").asText())
                .contains("not a stream this consumer handles");
    }

    @Test
    void redrive_applies_a_stream_from_its_checkpoint_to_its_head_in_order() {
        store("Order-d", 250);
        consumer.checkpoints.put("Order-d", 2L);
        StreamConsumerRuntime runtime = ordered(3);

        SliceOutcome outcome = runtime.redrive("Order-d", 3);

        assertThat(outcome).isInstanceOf(SliceOutcome.Completed.class);
        assertThat(outcome.appliedVersion()).isEqualTo(250);
        assertThat(consumer.applied).hasSize(248).startsWith("Order-d@3").endsWith("Order-d@250");
        assertThat(runtime.redrive("Order-d", 3).appliedVersion())
                .as("already there")
                .isEqualTo(250);
        assertThat(consumer.applied).hasSize(248);
        assertThat(runtime.redrive("Order-d", 251)).isInstanceOf(SliceOutcome.Failed.class);
    }

    @Test
    void a_redrive_stops_at_an_event_that_still_fails() {
        store("Order-e", 5);
        consumer.refused.add("Order-e@4");

        SliceOutcome outcome = ordered(3).redrive("Order-e", 1);

        assertThat(outcome).isInstanceOf(SliceOutcome.Failed.class);
        assertThat(outcome.appliedVersion()).isEqualTo(3);
        assertThat(consumer.applied).containsExactly("Order-e@1", "Order-e@2", "Order-e@3");
    }

    @Test
    void a_store_that_answers_in_short_pages_still_repairs_whole_gaps_and_redrives_to_the_head() {
        store("Order-f", 30);
        EventReader shortPages = new EventReader() {
            @Override
            public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
                return store.readAfter(streamId, afterVersion);
            }

            @Override
            public StreamPage readPage(String streamId, long afterVersion, int limit) {
                return store.readPage(streamId, afterVersion, Math.min(limit, 7));
            }
        };
        StreamConsumerRuntime runtime =
                StreamConsumerRuntime.ordered(consumer, shortPages, new Parallel(1), parking(3), observability());

        assertThat(runtime.process(TestRecords.batch(insert(event("Order-f", 20), 80)))
                        .batchItemFailures())
                .isEmpty();
        assertThat(consumer.applied).hasSize(20).endsWith("Order-f@20");
        assertThat(runtime.redrive("Order-f", 21).appliedVersion()).isEqualTo(30);
        assertThat(consumer.applied).hasSize(30).endsWith("Order-f@30");
    }

    @Test
    void a_latest_version_consumer_is_told_the_highest_version_of_each_stream() {
        Map<String, Long> reached = new LinkedHashMap<>();
        StreamConsumerRuntime runtime = StreamConsumerRuntime.latestVersion(reached::put, parking(3), observability());

        BatchResponse response = runtime.process(TestRecords.batch(
                insert(event("Account-a", 1), 60),
                insert(event("Account-b", 2), 61),
                insert(event("Account-a", 3), 62),
                TestRecords.broken("Account-b", 4, 63)));

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(reached).containsExactly(Map.entry("Account-a", 3L), Map.entry("Account-b", 4L));
    }

    @Test
    void for_a_latest_version_consumer_a_record_without_a_version_is_poison() {
        Map<String, AttributeValue> image =
                new LinkedHashMap<>(insert(event("Account-a", 1), 70).dynamodb().newImage());
        image.remove("version");
        ChangeRecord noVersion =
                TestRecords.record("INSERT", Map.of("streamId", AttributeValue.fromS("Account-a")), image, 70);
        StreamConsumerRuntime runtime = StreamConsumerRuntime.latestVersion((s, v) -> {}, parking(2), observability());

        assertThat(failures(runtime.process(TestRecords.batch(noVersion)))).containsExactly("70");
        assertThat(runtime.process(TestRecords.batch(noVersion)).batchItemFailures())
                .isEmpty();
        assertThat(deadLetters).singleElement().asString().contains("has no version key");
    }

    private StreamConsumerRuntime ordered(int maxAttempts) {
        return StreamConsumerRuntime.ordered(consumer, store, new Parallel(1), parking(maxAttempts), observability());
    }

    private PoisonParking parking(int maxAttempts) {
        return new PoisonParking(
                "test-consumer", maxAttempts, Optional.of(deadLetters::add), new AttemptTracker(), CLOCK);
    }

    private Observability observability() {
        return new Observability(
                StructuredLogger.create("test-consumer", StructuredLogger.Level.INFO, line -> {}, CLOCK),
                new EmfMetrics("Eventline", "test-consumer", metricLines::add, CLOCK, true),
                Tracing.disabled());
    }

    private void store(String streamId, int count) {
        for (int version = 1; version <= count; version++) {
            RecordedEvent e = event(streamId, version);
            store.append(
                    streamId,
                    version - 1,
                    List.of(new NewEvent(e.eventId(), e.type(), e.schemaVersion(), e.data(), e.metadata())));
        }
    }

    private long metric(String name) {
        long sum = 0;
        for (String line : metricLines) {
            try {
                sum += JSON.readTree(line).path(name).asLong(0);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return sum;
    }

    private static List<String> failures(BatchResponse response) {
        return response.batchItemFailures().stream()
                .map(BatchResponse.ItemFailure::itemIdentifier)
                .toList();
    }

    /** Keeps its checkpoints in memory; handles {@code Order-*} streams; fails on the events named in {@code refused}. */
    private static final class RecordingConsumer implements OrderedConsumer<Void> {
        final Map<String, Long> checkpoints = new HashMap<>();
        final List<String> applied = new ArrayList<>();
        final Set<String> refused = new HashSet<>();

        @Override
        public Optional<Checkpoint<Void>> checkpoint(String streamId) {
            return streamId.startsWith("Order-")
                    ? Optional.of(Checkpoint.at(checkpoints.getOrDefault(streamId, 0L)))
                    : Optional.empty();
        }

        @Override
        public List<SliceOutcome> apply(List<StreamWork<Void>> work) {
            List<SliceOutcome> outcomes = new ArrayList<>();
            for (StreamWork<Void> stream : work) {
                SliceOutcome outcome = null;
                for (RecordedEvent event : stream.events()) {
                    String position = event.streamId() + "@" + event.version();
                    if (refused.contains(position)) {
                        outcome = stream.failed(
                                checkpoints.getOrDefault(stream.streamId(), 0L),
                                new UnprocessableEventException(
                                        event.streamId(),
                                        event.version(),
                                        event.eventId(),
                                        new IllegalArgumentException("refused by the test")));
                        break;
                    }
                    applied.add(position);
                    checkpoints.put(stream.streamId(), event.version());
                }
                outcomes.add(outcome != null ? outcome : stream.completed());
            }
            return outcomes;
        }
    }
}
