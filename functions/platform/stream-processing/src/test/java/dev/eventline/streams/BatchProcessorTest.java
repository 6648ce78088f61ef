package dev.eventline.streams;

import static dev.eventline.streams.TestRecords.event;
import static dev.eventline.streams.TestRecords.insert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.streams.SliceOutcome.Completed;
import dev.eventline.streams.SliceOutcome.Failed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    private final List<String> logLines = new ArrayList<>();
    private final List<String> metricLines = new ArrayList<>();
    private final List<String> deadLetters = new ArrayList<>();
    private final EmfMetrics metrics = new EmfMetrics("Eventline", "ordering-projector", metricLines::add, CLOCK, true);

    // Order-a: v1 (seq 10), v2 (seq 12); Order-b: v1 (seq 11), v2 (seq 13)
    private final StreamEvent batch = TestRecords.batch(
            insert(event("Order-a", 1), 10), insert(event("Order-b", 1), 11),
            insert(event("Order-a", 2), 12), insert(event("Order-b", 2), 13));

    @Test
    void a_batch_that_projects_completely_reports_nothing() {
        BatchResponse response =
                processor(outcomes(slice -> new Completed(slice, 2)), 3, true).process(batch);

        assertThat(response.batchItemFailures()).isEmpty();
    }

    @Test
    void a_transient_failure_reports_the_first_record_not_applied_and_other_streams_carry_on() {
        BatchResponse response = processor(
                        outcomes(slice -> slice.streamId().equals("Order-b")
                                ? new Failed(slice, 1, new IllegalStateException("throttled"))
                                : new Completed(slice, 2)),
                        3,
                        true)
                .process(batch);

        assertThat(sequenceNumbers(response)).containsExactly("13");
    }

    @Test
    void with_several_failed_streams_the_lowest_record_is_reported() {
        BatchResponse response = processor(
                        outcomes(slice -> slice.streamId().equals("Order-b")
                                ? new Failed(slice, 0, new IllegalStateException("b"))
                                : new Failed(slice, 1, new IllegalStateException("a"))),
                        3,
                        true)
                .process(batch);

        assertThat(sequenceNumbers(response)).containsExactly("11");
    }

    @Test
    void a_poison_event_is_retried_until_the_limit_then_parked_with_the_record_and_acknowledged() throws Exception {
        BatchProcessor processor = processor(
                outcomes(slice -> slice.streamId().equals("Order-a")
                        ? new Failed(
                                slice,
                                1,
                                new UnprocessableEventException(
                                        "Order-a",
                                        2,
                                        "Order-a-ev2",
                                        new IllegalArgumentException("unknown event type Bogus")))
                        : new Completed(slice, 2)),
                3,
                true);

        assertThat(sequenceNumbers(processor.process(batch))).containsExactly("12");
        assertThat(sequenceNumbers(processor.process(batch))).containsExactly("12");
        assertThat(deadLetters).isEmpty();
        assertThat(processor.process(batch).batchItemFailures()).isEmpty();

        assertThat(deadLetters).hasSize(1);
        JsonNode message = JSON.readTree(deadLetters.getFirst());
        assertThat(message.get("source").asText()).isEqualTo("ordering-projector");
        assertThat(message.get("attempts").asInt()).isEqualTo(3);
        assertThat(message.get("streamId").asText()).isEqualTo("Order-a");
        assertThat(message.get("eventId").asText()).isEqualTo("Order-a-ev2");
        assertThat(message.get("version").asLong()).isEqualTo(2);
        assertThat(message.get("firstFailedAt").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(message.at("/error/type").asText()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(message.at("/error/message").asText()).isEqualTo("unknown event type Bogus");
        assertThat(message.at("/record/dynamodb/SequenceNumber").asText()).isEqualTo("12");
        assertThat(message.at("/record/dynamodb/NewImage/eventId/S").asText()).isEqualTo("Order-a-ev2");
        assertThat(StreamRecordJson.readRecord(message.get("record").toString())
                        .dynamodb()
                        .sequenceNumber())
                .isEqualTo("12");

        assertThat(processor.process(batch).batchItemFailures())
                .as("met again (e.g. by gap repair): parked again at once")
                .isEmpty();
        assertThat(deadLetters).hasSize(2);
        assertThat(logLines)
                .anySatisfy(line -> assertThat(line)
                        .contains(
                                "\"level\":\"ERROR\"",
                                "parked",
                                "\"correlationId\":\"corr-Order-a\"",
                                "\"eventId\":\"Order-a-ev2\""));
    }

    @Test
    void without_a_dead_letter_queue_a_poison_event_is_reported_every_time() {
        BatchProcessor processor = processor(
                outcomes(slice -> new Failed(
                        slice,
                        0,
                        new UnprocessableEventException(slice.streamId(), 1, null, new IllegalArgumentException("x")))),
                1,
                false);

        for (int i = 0; i < 3; i++) {
            assertThat(sequenceNumbers(processor.process(batch))).containsExactly("10");
        }
    }

    @Test
    void when_the_dead_letter_queue_refuses_the_record_is_reported_not_lost() {
        PoisonParking parking = new PoisonParking(
                "ordering-projector",
                1,
                Optional.of(body -> {
                    throw new IllegalStateException("sqs down");
                }),
                new AttemptTracker(),
                CLOCK);
        BatchProcessor processor = new BatchProcessor(
                outcomes(slice -> new Failed(
                        slice,
                        0,
                        new UnprocessableEventException(slice.streamId(), 1, null, new IllegalArgumentException("x")))),
                parking,
                logger(),
                metrics());

        assertThat(sequenceNumbers(processor.process(batch))).containsExactly("10");
    }

    @Test
    void a_projection_that_throws_has_the_whole_batch_retried() {
        BatchResponse response = processor(
                        b -> {
                            throw new IllegalStateException("bug");
                        },
                        3,
                        true)
                .process(batch);

        assertThat(sequenceNumbers(response)).containsExactly("10");
    }

    @Test
    void a_failed_slice_with_everything_applied_reports_nothing() {
        BatchResponse response = processor(
                        outcomes(slice -> new Failed(slice, 2, new IllegalStateException("late"))), 3, true)
                .process(batch);

        assertThat(response.batchItemFailures()).isEmpty();
    }

    @Test
    void a_modified_or_removed_event_item_is_counted_and_parked_at_once_with_its_record_never_projected()
            throws Exception {
        List<StreamSlice> projected = new ArrayList<>();
        BatchProcessor processor = processor(
                b -> {
                    projected.addAll(b.slices());
                    return b.slices().stream()
                            .<SliceOutcome>map(slice -> new Completed(slice, 2))
                            .toList();
                },
                3,
                true);

        BatchResponse response = processor.process(TestRecords.batch(
                TestRecords.record(
                        "MODIFY",
                        "Order-a",
                        1,
                        TestRecords.insert(event("Order-a", 1), 0).dynamodb().newImage(),
                        40),
                TestRecords.record("REMOVE", "Order-b", 2, null, 41)));

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(projected).isEmpty();
        assertThat(deadLetters).hasSize(2);
        JsonNode modified = JSON.readTree(deadLetters.get(0));
        assertThat(modified.get("reason").asText()).isEqualTo("tampered");
        assertThat(modified.get("streamId").asText()).isEqualTo("Order-a");
        assertThat(modified.get("version").asLong()).isEqualTo(1);
        assertThat(modified.get("eventId").asText()).isEqualTo("Order-a-ev1");
        assertThat(modified.at("/record/eventName").asText()).isEqualTo("MODIFY");
        assertThat(JSON.readTree(deadLetters.get(1)).get("eventId").isNull()).isTrue();
        metrics.flush();
        assertThat(metricLines)
                .anySatisfy(line -> assertThat(
                                JSON.readTree(line).path("TamperedRecords").asLong())
                        .isEqualTo(2));
    }

    @Test
    void a_modified_event_item_that_cannot_be_parked_is_reported_not_dropped() {
        BatchResponse response = processor(b -> List.of(), 3, false)
                .process(TestRecords.batch(
                        insert(event("Order-a", 1), 50), TestRecords.record("MODIFY", "Order-a", 1, Map.of(), 51)));

        assertThat(sequenceNumbers(response)).containsExactly("51");
    }

    private BatchProcessor processor(BatchProcessor.Projection projection, int maxAttempts, boolean withQueue) {
        PoisonParking parking = new PoisonParking(
                "ordering-projector",
                maxAttempts,
                withQueue ? Optional.of(deadLetters::add) : Optional.empty(),
                new AttemptTracker(),
                CLOCK);
        return new BatchProcessor(projection, parking, logger(), metrics());
    }

    private StructuredLogger logger() {
        return StructuredLogger.create("ordering-projector", StructuredLogger.Level.DEBUG, logLines::add, CLOCK);
    }

    private EmfMetrics metrics() {
        return metrics;
    }

    private static BatchProcessor.Projection outcomes(Function<StreamSlice, SliceOutcome> perSlice) {
        return b -> b.slices().stream().map(perSlice).toList();
    }

    private static List<String> sequenceNumbers(BatchResponse response) {
        return response.batchItemFailures().stream()
                .map(BatchResponse.ItemFailure::itemIdentifier)
                .toList();
    }
}
