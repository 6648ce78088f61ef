package dev.eventline.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.operations.DeadLetterViews.MessageResult;
import dev.eventline.operations.DeadLetterViews.RedriveResult;
import dev.eventline.operations.DeadLetterViews.Result;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery at any age: a stream consumer's dead letter, in either shape, is redriven by stream and
 * version from the events table through the consumer, and leaves its queue only once that succeeded.
 */
@WithEmulator
class DeadLettersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** DynamoDB Streams keep records 24 hours: these events are long gone from the stream. */
    private static final Duration OLDER_THAN_RETENTION = Duration.ofDays(3);

    private final Emulator emulator;
    private final OrderingFixture ordering;
    private final ProjectionHandler projector;
    private final DeadLetters deadLetters;
    private final String projectorDlq;

    DeadLettersTest(Emulator emulator) {
        this.emulator = emulator;
        this.ordering = new OrderingFixture(emulator, Clock.offset(Clock.systemUTC(), OLDER_THAN_RETENTION.negated()));
        this.projector = ordering.projector();
        this.deadLetters = new DeadLetters(emulator.sqs(), emulator.dynamoDb(), OrderingFixture.RESOURCES);
        this.projectorDlq = emulator.resources().queueUrl(OrderingFixture.PROJECTOR_DLQ);
    }

    @BeforeEach
    void emptyQueues() {
        drain(projectorDlq);
    }

    /** PurgeQueue is allowed once a minute per queue: receive and delete instead. */
    private void drain(String url) {
        List<software.amazon.awssdk.services.sqs.model.Message> messages;
        do {
            messages = emulator.sqs()
                    .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages();
            messages.forEach(
                    m -> emulator.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        } while (!messages.isEmpty());
    }

    @Test
    void
            a_poison_record_older_than_the_stream_retention_is_redriven_from_the_on_failure_message_after_the_fix_and_its_later_events_follow_in_order() {
        String orderId = OrderingFixture.newOrderId();
        String streamId = OrderCommands.streamId(orderId);
        List<RecordedEvent> events = ordering.fourEvents(orderId);
        String good = ordering.rewriteData(streamId, 2, "{this is not json");
        assertThat(projector.redrive(streamId, 4)).isInstanceOf(SliceOutcome.Failed.class);
        assertThat(ordering.summaryVersion(orderId))
                .as("stuck before the poison")
                .isEqualTo(1);
        // what the event source mapping sends once it gives up: coordinates of a batch that aged out
        sendOnFailureMessage(events.get(1), events.get(3));

        RedriveResult beforeTheFix = redrive();

        assertThat(beforeTheFix.messages()).singleElement().satisfies(m -> {
            assertThat(m.result()).isEqualTo(Result.FAILED);
            assertThat(m.detail()).contains(streamId);
        });
        assertThat(ordering.summaryVersion(orderId)).isEqualTo(1);
        assertThat(deadLetters.show(OrderingFixture.PROJECTOR_DLQ, 10))
                .as("kept")
                .hasSize(1);

        ordering.rewriteData(streamId, 2, good);
        List<MessageResult> told = new ArrayList<>();
        RedriveResult afterTheFix = deadLetters.redrive(
                OrderingFixture.PROJECTOR_DLQ,
                Optional.of(RedriveTarget.inProcess(OrderingFixture.PROJECTOR, projector)),
                told::add);

        assertThat(afterTheFix.allRedriven()).isTrue();
        assertThat(told)
                .as("the window's margin takes in v1 too; a redrive from below the checkpoint is harmless")
                .singleElement()
                .satisfies(m -> assertThat(m.detail()).containsPattern(streamId + " v[12] -> v4"));
        assertThat(ordering.summaryVersion(orderId))
                .as("v2, then v3 and v4 in order")
                .isEqualTo(4);
        StreamView view = new StreamInspector(emulator.dynamoDb(), OrderingFixture.RESOURCES)
                .show(streamId, java.util.OptionalLong.empty());
        assertThat(view.state().state().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(view.state().state().path("lines")).hasSize(3);
        assertThat(deadLetters.show(OrderingFixture.PROJECTOR_DLQ, 10))
                .as("deleted after success")
                .isEmpty();
    }

    @Test
    void a_parked_record_is_redriven_by_its_stream_and_version() {
        String orderId = OrderingFixture.newOrderId();
        String streamId = OrderCommands.streamId(orderId);
        ordering.fourEvents(orderId);
        ObjectNode parked = JSON.createObjectNode()
                .put("source", "ordering-projector")
                .put("reason", "poison")
                .put("streamId", streamId)
                .put("version", 2)
                .put("attempts", 3);
        parked.putObject("record");
        parked.putObject("error").put("type", "java.lang.IllegalStateException").put("message", "cannot decode");
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody(parked.toString()));

        assertThat(deadLetters.show(OrderingFixture.PROJECTOR_DLQ, 10))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo("parked");
                    assertThat(m.summary()).contains(streamId + " v2", "cannot decode");
                });
        RedriveResult result = redrive();

        assertThat(result.allRedriven()).isTrue();
        assertThat(ordering.summaryVersion(orderId)).isEqualTo(4);
    }

    @Test
    void a_tampered_record_and_an_unreadable_message_stay_in_the_queue_with_the_reason() {
        ObjectNode tampered = JSON.createObjectNode()
                .put("source", "ordering-projector")
                .put("reason", "tampered")
                .put("streamId", "Order-o-x")
                .put("version", 1);
        tampered.putObject("record").put("eventName", "MODIFY");
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody(tampered.toString()));
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody("not json at all"));

        RedriveResult result = redrive();

        assertThat(result.messages())
                .extracting(MessageResult::result)
                .containsOnly(Result.NOT_REDRIVABLE)
                .hasSize(2);
        assertThat(result.messages())
                .extracting(MessageResult::detail)
                .anySatisfy(d -> assertThat(d).contains("tampered"))
                .anySatisfy(d -> assertThat(d).contains("not JSON"));
        assertThat(deadLetters.show(OrderingFixture.PROJECTOR_DLQ, 10)).hasSize(2);
    }

    @Test
    void an_on_failure_message_with_a_forged_batch_is_not_read_by() {
        ObjectNode message = JSON.createObjectNode();
        message.putObject("DDBStreamBatchInfo")
                .put("shardId", "shardId-1")
                .put("streamArn", "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x")
                .put("startSequenceNumber", "200")
                .put("endSequenceNumber", "100")
                .put("batchSize", 3)
                .put("approximateArrivalOfFirstRecord", "2026-01-01T00:00:00Z")
                .put("approximateArrivalOfLastRecord", "2026-01-01T00:00:01Z");

        assertThat(DeadLetter.read(message.toString()))
                .isInstanceOfSatisfying(
                        DeadLetter.Other.class,
                        o -> assertThat(o.description()).contains("not two sequence numbers in order"));
    }

    @Test
    void forged_or_damaged_messages_reach_no_consumer_and_stay_in_the_queue_while_a_true_one_is_redriven() {
        String orderId = OrderingFixture.newOrderId();
        String streamId = OrderCommands.streamId(orderId);
        List<RecordedEvent> events = ordering.fourEvents(orderId);
        String first = events.getFirst().recordedAt().toString();
        String last = events.getLast().recordedAt().toString();
        List<String> forged = List.of(
                onFailure("100", "200", Integer.MAX_VALUE, first, last), // a batch no Lambda sends
                onFailure("abc", "9".repeat(10_000), 3, first, last), // not sequence numbers
                onFailure("200", "100", 3, first, last), // out of order
                onFailure("100", "200", 3, "not a time", last)); // no arrival time to look by
        forged.forEach(
                body -> emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody(body)));
        ObjectNode beyondTheStream = JSON.createObjectNode()
                .put("source", "ordering-projector")
                .put("reason", "poison")
                .put("streamId", streamId)
                .put("version", 99);
        beyondTheStream.putObject("record").put("dynamodb", "not a stream record");
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody(beyondTheStream.toString()));
        ObjectNode parked = JSON.createObjectNode()
                .put("source", "ordering-projector")
                .put("reason", "poison")
                .put("streamId", streamId)
                .put("version", 2);
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody(parked.toString()));
        List<String> asked = new ArrayList<>();
        RedriveTarget counting = new RedriveTarget() {
            @Override
            public String name() {
                return OrderingFixture.PROJECTOR;
            }

            @Override
            public Outcome redrive(String stream, long version) {
                asked.add(stream + " v" + version);
                return RedriveTarget.inProcess(OrderingFixture.PROJECTOR, projector)
                        .redrive(stream, version);
            }
        };

        RedriveResult result = deadLetters.redrive(OrderingFixture.PROJECTOR_DLQ, Optional.of(counting), m -> {});

        assertThat(asked)
                .as("only the parked records reached the consumer")
                .containsExactlyInAnyOrder(streamId + " v99", streamId + " v2");
        assertThat(result.messages())
                .extracting(MessageResult::result)
                .containsExactlyInAnyOrder(
                        Result.NOT_REDRIVABLE,
                        Result.NOT_REDRIVABLE,
                        Result.NOT_REDRIVABLE,
                        Result.NOT_REDRIVABLE,
                        Result.FAILED,
                        Result.REDRIVEN);
        assertThat(result.messages())
                .filteredOn(m -> m.result() == Result.FAILED)
                .singleElement()
                .satisfies(m -> assertThat(m.detail()).contains(streamId + " from v99", "only up to version 4"));
        assertThat(ordering.summaryVersion(orderId)).isEqualTo(4);
        assertThat(deadLetters.show(OrderingFixture.PROJECTOR_DLQ, 10))
                .as("all but the redriven one left in the queue")
                .hasSize(forged.size() + 1);
    }

    private static String onFailure(String start, String end, int batchSize, String firstArrival, String lastArrival) {
        ObjectNode message = JSON.createObjectNode();
        message.putObject("requestContext").put("condition", "RetryAttemptsExhausted");
        message.putObject("DDBStreamBatchInfo")
                .put("shardId", "shardId-1")
                .put("streamArn", "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x")
                .put("startSequenceNumber", start)
                .put("endSequenceNumber", end)
                .put("batchSize", batchSize)
                .put("approximateArrivalOfFirstRecord", firstArrival)
                .put("approximateArrivalOfLastRecord", lastArrival);
        return message.toString();
    }

    @Test
    void a_queues_own_dead_letter_queue_is_moved_back_to_the_queue() {
        String dlq = emulator.resources().queueUrl("eventline-dev-shipping-notifications-dlq");
        String queue = emulator.resources().queueUrl("eventline-dev-shipping-notifications");
        drain(queue);
        emulator.sqs().sendMessage(b -> b.queueUrl(dlq).messageBody("{\"detail\":{}}"));

        RedriveResult result =
                deadLetters.redrive("eventline-dev-shipping-notifications-dlq", Optional.empty(), m -> {});

        assertThat(result.allRedriven()).isTrue();
        assertThat(emulator.sqs().receiveMessage(b -> b.queueUrl(queue)).messages())
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo("{\"detail\":{}}"));
    }

    @Test
    void the_list_names_each_queue_with_what_it_holds_and_whose_it_is() {
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody("{}"));

        assertThat(deadLetters.list())
                .filteredOn(q -> q.queue().equals(OrderingFixture.PROJECTOR_DLQ))
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.messages() + q.inFlight()).isEqualTo(1);
                    assertThat(q.feeds()).isEqualTo(OrderingFixture.PROJECTOR);
                });
    }

    private RedriveResult redrive() {
        return deadLetters.redrive(
                OrderingFixture.PROJECTOR_DLQ,
                Optional.of(RedriveTarget.inProcess(OrderingFixture.PROJECTOR, projector)),
                m -> {});
    }

    /** Lambda's on-failure record for a stream batch (see the Lambda developer guide). */
    private void sendOnFailureMessage(RecordedEvent first, RecordedEvent last) {
        ObjectNode message = JSON.createObjectNode();
        message.putObject("requestContext")
                .put("requestId", "c9b8fa9f-5a7f-4ec8-8a21-6f1f5fc2d8a7")
                .put("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:" + OrderingFixture.PROJECTOR)
                .put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", 4);
        message.put("version", "1.0")
                .put("timestamp", last.recordedAt().plusSeconds(3600).toString());
        message.putObject("DDBStreamBatchInfo")
                .put("shardId", "shardId-00000001700000000000-aged0ut0")
                .put("startSequenceNumber", "100000000000000000001")
                .put("endSequenceNumber", "100000000000000000003")
                .put("approximateArrivalOfFirstRecord", first.recordedAt().toString())
                .put("approximateArrivalOfLastRecord", last.recordedAt().toString())
                .put("batchSize", 3)
                .put(
                        "streamArn",
                        "arn:aws:dynamodb:us-east-1:123456789012:table/" + OrderingFixture.EVENTS + "/stream/"
                                + first.recordedAt().toString());
        emulator.sqs().sendMessage(b -> b.queueUrl(projectorDlq).messageBody(message.toString()));
    }
}
