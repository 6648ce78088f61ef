package dev.eventline.ordering.publisher;

import static dev.eventline.ordering.publisher.StreamRecordFixtures.batch;
import static dev.eventline.ordering.publisher.StreamRecordFixtures.insert;
import static dev.eventline.ordering.publisher.StreamRecordFixtures.other;
import static dev.eventline.ordering.publisher.StreamRecordFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Against moto: the bus, the template's {@code OrderShipped} rule and its SQS target are real; a
 * second rule (created here) copies every ordering event to a probe queue so that the tests can see
 * exactly what was published, in which order.
 */
@WithEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublisherHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Observability OBSERVABILITY = Observability.fromEnvironment(
            new LambdaEnvironment(Map.of("POWERTOOLS_SERVICE_NAME", "ordering-publisher")), Clock.systemUTC());
    private static final RetryPolicy NO_WAIT = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> { });

    private Emulator emulator;
    private String busName;
    private String probeQueueUrl;

    @BeforeAll
    void probeEveryOrderingEvent(Emulator emulator) {
        this.emulator = emulator;
        this.busName = emulator.variable(PublisherHandler.class, "EVENT_BUS_NAME");
        probeQueueUrl = emulator.sqs().createQueue(b -> b.queueName("publisher-test-probe")).queueUrl();
        String probeArn = emulator.sqs().getQueueAttributes(b -> b.queueUrl(probeQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        emulator.eventBridge().putRule(b -> b.name("publisher-test-probe").eventBusName(busName)
                .eventPattern("{\"source\":[\"eventline.ordering\"]}"));
        emulator.eventBridge().putTargets(b -> b.rule("publisher-test-probe").eventBusName(busName)
                .targets(Target.builder().id("probe").arn(probeArn).build()));
    }

    @Test
    void orderShipped_reachesTheShippingQueue_asACloudEventInTheEventBridgeEnvelope() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        RecordedEvent shipped = shipped(orderId, 5);
        PublisherHandler handler = new PublisherHandler(new LambdaEnvironment(emulator.environmentOf(PublisherHandler.class)));

        StreamsEventResponse response = handler.handleRequest(batch(List.of(insert(other(orderId, 4, "PaymentCaptured")),
                insert(shipped))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        String shippingQueue = emulator.resources().queueUrl("eventline-dev-shipping-notifications");
        List<JsonNode> delivered = awaitEnvelopes(shippingQueue, orderId, 1);
        JsonNode envelope = delivered.getFirst();
        assertThat(envelope.path("source").asText()).isEqualTo("eventline.ordering");
        assertThat(envelope.path("detail-type").asText()).isEqualTo("OrderShipped");
        JsonNode detail = envelope.path("detail");
        assertThat(detail.path("specversion").asText()).isEqualTo("1.0");
        assertThat(detail.path("id").asText()).isEqualTo(shipped.eventId());
        assertThat(detail.path("type").asText()).isEqualTo("OrderShipped");
        assertThat(detail.path("subject").asText()).isEqualTo("Order-" + orderId);
        assertThat(detail.path("sequence").asText()).isEqualTo(CloudEventEnvelope.sequence(5));
        assertThat(detail.path("correlationid").asText()).isEqualTo(shipped.metadata().correlationId());
        assertThat(detail.path("data").path("carrier").asText()).isEqualTo("DHL");
    }

    @Test
    void aStoredOldVersion_isPublishedAtTheCurrentVersionOfItsSchema() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        RecordedEvent storedV1 = StreamRecordFixtures.event("Order-" + orderId, 6, "OrderShipped", 1,
                Samples.text("schemas/ordering/OrderShipped/v1.json"));

        new PublisherHandler(emulator.eventBridge(), busName, NO_WAIT, OBSERVABILITY)
                .handleRequest(batch(List.of(insert(storedV1))), null);

        JsonNode detail = awaitEnvelopes(probeQueueUrl, orderId, 1).getFirst().path("detail");
        assertThat(detail.path("dataschema").asText()).isEqualTo("urn:eventline:schemas:ordering:OrderShipped:v2");
        assertThat(detail.path("data").path("trackingNumber").asText()).isEqualTo("JD014600003828371234");
        assertThat(detail.path("data").has("trackingCode")).isFalse();
    }

    @Test
    void refusedEntries_areRetriedAlone_andPublishedOnce() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        List<RecordedEvent> events = List.of(other(orderId, 1, "OrderPlaced"), other(orderId, 2, "OrderConfirmed"),
                other(orderId, 3, "PaymentCaptured"));
        RefusingEventBridge eventBridge = new RefusingEventBridge(emulator.eventBridge()).refuse(events.get(1).eventId(), 2);

        StreamsEventResponse response = new PublisherHandler(eventBridge, busName, NO_WAIT, OBSERVABILITY)
                .handleRequest(batch(events.stream().map(StreamRecordFixtures::insert).toList()), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 3))).containsExactly(
                events.get(0).eventId(), events.get(1).eventId(), events.get(2).eventId());
        assertThat(eventBridge.calls()).allSatisfy(call -> assertThat(call).hasSizeLessThanOrEqualTo(1));
        assertThat(eventBridge.calls()).hasSize(5); // v1, v2 refused twice, v2, v3: retries carry only the refused entry
    }

    @Test
    void exhaustedRefusal_reportsTheEventAndItsStreamsRest_whileOtherStreamsGoOn() throws Exception {
        String stuck = "o-" + UUID.randomUUID();
        String healthy = "o-" + UUID.randomUUID();
        List<RecordedEvent> stuckEvents = List.of(other(stuck, 1, "OrderPlaced"), other(stuck, 2, "OrderConfirmed"),
                other(stuck, 3, "PaymentCaptured"));
        List<RecordedEvent> healthyEvents = List.of(other(healthy, 1, "OrderPlaced"), other(healthy, 2, "OrderConfirmed"));
        List<DynamodbStreamRecord> records = interleave(stuckEvents, healthyEvents);
        RefusingEventBridge eventBridge = new RefusingEventBridge(emulator.eventBridge())
                .refuse(stuckEvents.get(1).eventId(), Integer.MAX_VALUE);
        PublisherHandler handler = new PublisherHandler(eventBridge, busName, NO_WAIT, OBSERVABILITY);

        StreamsEventResponse response = handler.handleRequest(batch(records), null);

        // v2 and v3 of the stuck stream come back; v3 was never sent, so the stream never goes out of order
        assertThat(failures(response)).containsExactly(sequenceOf(records, stuckEvents.get(1)),
                sequenceOf(records, stuckEvents.get(2)));
        assertThat(ids(awaitEnvelopes(probeQueueUrl, healthy, 2))).containsExactly(
                healthyEvents.get(0).eventId(), healthyEvents.get(1).eventId());
        assertThat(ids(awaitEnvelopes(probeQueueUrl, stuck, 1))).containsExactly(stuckEvents.get(0).eventId());
        assertThat(eventBridge.calls().stream().flatMap(List::stream)).doesNotContain(stuckEvents.get(2).eventId());

        // Lambda redelivers from the first reported record; once EventBridge accepts again nothing is missing
        RefusingEventBridge healed = new RefusingEventBridge(emulator.eventBridge());
        StreamsEventResponse retry = new PublisherHandler(healed, busName, NO_WAIT, OBSERVABILITY)
                .handleRequest(batch(records.subList(records.indexOf(recordOf(records, stuckEvents.get(1))), records.size())), null);

        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(ids(awaitEnvelopes(probeQueueUrl, stuck, 2))).containsExactly(
                stuckEvents.get(1).eventId(), stuckEvents.get(2).eventId());
    }

    @Test
    void unreadableRecord_isReportedWithTheRestOfItsStream_andNeverSkipped() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        String healthy = "o-" + UUID.randomUUID();
        DynamodbStreamRecord poison = StreamRecordFixtures.unreadable("Order-" + orderId, 1);
        DynamodbStreamRecord after = insert(other(orderId, 2, "OrderConfirmed"));
        RecordedEvent healthyEvent = other(healthy, 1, "OrderPlaced");

        StreamsEventResponse response = new PublisherHandler(emulator.eventBridge(), busName, NO_WAIT, OBSERVABILITY)
                .handleRequest(batch(List.of(poison, insert(healthyEvent), after)), null);

        assertThat(failures(response)).containsExactly(poison.getDynamodb().getSequenceNumber(),
                after.getDynamodb().getSequenceNumber());
        assertThat(ids(awaitEnvelopes(probeQueueUrl, healthy, 1))).containsExactly(healthyEvent.eventId());
    }

    @Test
    void aBatchOfManyStreams_isSentInCallsOfAtMostTenEntries() {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(insert(other("o-" + UUID.randomUUID(), 1, "OrderPlaced")));
        }
        RefusingEventBridge eventBridge = new RefusingEventBridge(emulator.eventBridge());

        StreamsEventResponse response = new PublisherHandler(eventBridge, busName, NO_WAIT, OBSERVABILITY).handleRequest(batch(records), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(eventBridge.calls()).extracting(List::size).containsExactly(10, 10, 5);
    }

    private static List<DynamodbStreamRecord> interleave(List<RecordedEvent> a, List<RecordedEvent> b) {
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                records.add(insert(a.get(i)));
            }
            if (i < b.size()) {
                records.add(insert(b.get(i)));
            }
        }
        return records;
    }

    private static DynamodbStreamRecord recordOf(List<DynamodbStreamRecord> records, RecordedEvent event) {
        return records.stream().filter(r -> r.getDynamodb().getNewImage().get("eventId").getS().equals(event.eventId()))
                .findFirst().orElseThrow();
    }

    private static String sequenceOf(List<DynamodbStreamRecord> records, RecordedEvent event) {
        return recordOf(records, event).getDynamodb().getSequenceNumber();
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    private static List<String> ids(List<JsonNode> envelopes) {
        return envelopes.stream().map(e -> e.path("detail").path("id").asText()).toList();
    }

    /** Receives until {@code count} envelopes about this order arrived, then checks that no more do. */
    private List<JsonNode> awaitEnvelopes(String queueUrl, String orderId, int count) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(receive(queueUrl, orderId));
            return received.size() >= count;
        });
        received.addAll(receive(queueUrl, orderId));
        assertThat(received).hasSize(count);
        return received;
    }

    private List<JsonNode> receive(String queueUrl, String orderId) throws Exception {
        List<JsonNode> mine = new ArrayList<>();
        for (Message message : emulator.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages()) {
            JsonNode envelope = JSON.readTree(message.body());
            if (envelope.path("detail").path("subject").asText().equals("Order-" + orderId)) {
                mine.add(envelope);
                emulator.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return mine;
    }
}
