package dev.eventline.ordering.publisher;

import static dev.eventline.ordering.publisher.StreamRecordFixtures.batch;
import static dev.eventline.ordering.publisher.StreamRecordFixtures.insert;
import static dev.eventline.ordering.publisher.StreamRecordFixtures.other;
import static dev.eventline.ordering.publisher.StreamRecordFixtures.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.personaldata.SealedToken;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamRecordJson;
import dev.eventline.streams.StreamRecords;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Against moto: the bus, the template's {@code OrderShipped} rule and its SQS target, the events
 * table, the publisher's checkpoints table and its dead-letter queue are real; a second rule
 * (created here) copies every ordering event to a probe queue so that the tests can see exactly
 * what was published, in which order.
 */
@WithEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublisherHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(StreamRecordFixtures.RECORDED_AT, ZoneOffset.UTC);
    private static final RetryPolicy NO_WAIT = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> {});

    private final List<String> metricLines = new CopyOnWriteArrayList<>();
    private Emulator emulator;
    private LambdaEnvironment environment;
    private DynamoDbEventStore store;
    private String busName;
    private String probeQueueUrl;
    private String deadLetterQueueUrl;

    @BeforeAll
    void probeEveryOrderingEvent(Emulator emulator) {
        this.emulator = emulator;
        Map<String, String> env = new HashMap<>(emulator.environmentOf(PublisherHandler.class));
        env.put("POWERTOOLS_SERVICE_NAME", "ordering-publisher");
        this.environment = new LambdaEnvironment(env);
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), env.get("EVENTS_TABLE"), "unused", CLOCK);
        this.busName = env.get("EVENT_BUS_NAME");
        this.deadLetterQueueUrl = emulator.resources().queueUrl(env.get("DEAD_LETTER_QUEUE"));
        probeQueueUrl = emulator.sqs()
                .createQueue(b -> b.queueName("publisher-test-probe"))
                .queueUrl();
        String probeArn = emulator.sqs()
                .getQueueAttributes(b -> b.queueUrl(probeQueueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        emulator.eventBridge()
                .putRule(b -> b.name("publisher-test-probe")
                        .eventBusName(busName)
                        .eventPattern("{\"source\":[\"eventline.ordering\"]}"));
        emulator.eventBridge()
                .putTargets(b -> b.rule("publisher-test-probe")
                        .eventBusName(busName)
                        .targets(Target.builder().id("probe").arn(probeArn).build()));
    }

    /** Each test sees only its own envelopes and dead letters (a full probe queue would hide them behind others). */
    @BeforeEach
    void emptyQueues() {
        drain(probeQueueUrl);
        deadLetters();
        metricLines.clear();
    }

    @Test
    void order_shipped_reaches_the_shipping_queue_as_a_cloud_event_in_the_event_bridge_envelope() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        RecordedEvent shipped = shipped(orderId, 5);
        List<RecordedEvent> history = List.of(
                other(orderId, 1, "OrderPlaced"),
                other(orderId, 2, "ItemAdded"),
                other(orderId, 3, "OrderConfirmed"),
                other(orderId, 4, "PaymentCaptured"),
                shipped);
        StreamRecordFixtures.store(store, history);
        PublisherHandler handler = new PublisherHandler(environment);

        BatchResponse response = handler.handleRequest(batch(List.of(insert(history.get(3)), insert(shipped))), null);

        assertThat(response.batchItemFailures()).isEmpty();
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
        assertThat(detail.path("correlationid").asText())
                .isEqualTo(shipped.metadata().correlationId());
        assertThat(detail.path("data").path("carrier").asText()).isEqualTo("DHL");
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 5)))
                .as("versions 1 to 3 repaired from the events table, first")
                .containsExactlyElementsOf(
                        history.stream().map(RecordedEvent::eventId).toList());
    }

    @Test
    void a_stored_old_version_is_published_at_the_current_version_of_its_schema() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        RecordedEvent storedV1 = StreamRecordFixtures.event(
                "Order-" + orderId, 1, "OrderShipped", 1, Samples.text("schemas/ordering/OrderShipped/v1.json"));

        handler(emulator.eventBridge()).handleRequest(batch(List.of(insert(storedV1))), null);

        JsonNode detail = awaitEnvelopes(probeQueueUrl, orderId, 1).getFirst().path("detail");
        assertThat(detail.path("dataschema").asText()).isEqualTo("urn:eventline:schemas:ordering:OrderShipped:v2");
        assertThat(detail.path("data").path("trackingNumber").asText()).isEqualTo("JD014600003828371234");
        assertThat(detail.path("data").has("trackingCode")).isFalse();
    }

    @Test
    void a_sealed_contact_goes_on_the_bus_as_stored_and_the_publisher_never_opens_it() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        String stored = Samples.text("schemas/ordering/OrderPlaced/v3.json").replace("ord-1001", orderId);
        String sealed = JSON.readTree(stored).path("customer").asText();
        RecordedEvent placed = StreamRecordFixtures.event("Order-" + orderId, 1, "OrderPlaced", 3, stored);

        handler(emulator.eventBridge()).handleRequest(batch(List.of(insert(placed))), null);

        JsonNode data = awaitEnvelopes(probeQueueUrl, orderId, 1).getFirst().at("/detail/data");
        assertThat(data.path("customer").asText())
                .as("ciphertext and the subject's id only: erasing the subject's key erases it here too")
                .isEqualTo(sealed)
                .startsWith("pii1.");
    }

    @Test
    void an_order_placed_with_a_real_contact_and_then_shipped_puts_no_plaintext_of_the_contact_on_the_bus()
            throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        String customerId = "c-" + UUID.randomUUID();
        String name = "Grace Hopper";
        String email = "grace." + customerId + "@example.com";
        String address = "1 Navy Yard, Arlington";
        String contact = JSON.writeValueAsString(Map.of("name", name, "email", email, "shippingAddress", address));
        // sealed as the command API seals it: the same key alias and keys table the template gives it
        var vaultFunction = emulator.topology().functions().stream()
                .filter(function -> function.environment().containsKey(PersonalDataVault.MASTER_KEY_VARIABLE))
                .findFirst()
                .orElseThrow();
        var vault = new PersonalDataVault(
                emulator.endpoint().kms(),
                emulator.dynamoDb(),
                vaultFunction.environment().get(PersonalDataVault.MASTER_KEY_VARIABLE),
                vaultFunction.environment().get(PersonalDataVault.KEYS_TABLE_VARIABLE),
                CLOCK);
        String sealed = vault.session().seal(customerId, contact).text();
        var placedData = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(Samples.text("schemas/ordering/OrderPlaced/v3.json"));
        placedData.put("orderId", orderId).put("customerId", customerId).put("customer", sealed);
        RecordedEvent placed = StreamRecordFixtures.event(
                "Order-" + orderId, 1, "OrderPlaced", 3, JSON.writeValueAsString(placedData));
        RecordedEvent shipped = shipped(orderId, 2);

        handler(emulator.eventBridge()).handleRequest(batch(List.of(insert(placed), insert(shipped))), null);

        List<JsonNode> envelopes = awaitEnvelopes(probeQueueUrl, orderId, 2);
        for (JsonNode envelope : envelopes) {
            assertThat(envelope.toString())
                    .as(envelope.path("detail-type").asText())
                    .doesNotContain(name, email, address);
        }
        JsonNode shippedData = envelopes.stream()
                .filter(envelope -> envelope.path("detail-type").asText().equals("OrderShipped"))
                .findFirst()
                .orElseThrow()
                .at("/detail/data");
        assertThat(shippedData.properties().stream().map(Map.Entry::getKey).toList())
                .as("the recipient is the sealed contact of OrderPlaced; OrderShipped names nobody")
                .containsExactlyInAnyOrder("orderId", "carrier", "trackingNumber", "shippedAt");
        assertThat(vault.session().open(SealedToken.parse(sealed).orElseThrow()))
                .as("the token on the bus still opens for a holder of the key")
                .contains(contact);
    }

    @Test
    void refused_entries_are_retried_alone_and_published_once() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        List<RecordedEvent> events = List.of(
                other(orderId, 1, "OrderPlaced"),
                other(orderId, 2, "OrderConfirmed"),
                other(orderId, 3, "PaymentCaptured"));
        RefusingEventBridge eventBridge = new RefusingEventBridge(emulator.eventBridge())
                .refuse(events.get(1).eventId(), 2);

        BatchResponse response = handler(eventBridge)
                .handleRequest(
                        batch(events.stream().map(StreamRecordFixtures::insert).toList()), null);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 3)))
                .containsExactly(
                        events.get(0).eventId(),
                        events.get(1).eventId(),
                        events.get(2).eventId());
        assertThat(eventBridge.calls()).allSatisfy(call -> assertThat(call).hasSizeLessThanOrEqualTo(1));
        assertThat(eventBridge.calls())
                .hasSize(5); // v1, v2 refused twice, v2, v3: retries carry only the refused entry
    }

    @Test
    void exhausted_refusal_reports_the_event_never_sends_the_rest_of_its_stream_while_other_streams_go_on()
            throws Exception {
        String stuck = "o-" + UUID.randomUUID();
        String healthy = "o-" + UUID.randomUUID();
        List<RecordedEvent> stuckEvents = List.of(
                other(stuck, 1, "OrderPlaced"), other(stuck, 2, "OrderConfirmed"), other(stuck, 3, "PaymentCaptured"));
        List<RecordedEvent> healthyEvents =
                List.of(other(healthy, 1, "OrderPlaced"), other(healthy, 2, "OrderConfirmed"));
        List<ChangeRecord> records = interleave(stuckEvents, healthyEvents);
        RefusingEventBridge eventBridge = new RefusingEventBridge(emulator.eventBridge())
                .refuse(stuckEvents.get(1).eventId(), Integer.MAX_VALUE);

        BatchResponse response = handler(eventBridge).handleRequest(batch(records), null);

        // Lambda retries from the lowest reported record: v2 of the stuck stream; v3 was never sent
        assertThat(failures(response)).containsExactly(sequenceOf(records, stuckEvents.get(1)));
        assertThat(ids(awaitEnvelopes(probeQueueUrl, healthy, 2)))
                .containsExactly(
                        healthyEvents.get(0).eventId(), healthyEvents.get(1).eventId());
        assertThat(ids(awaitEnvelopes(probeQueueUrl, stuck, 1)))
                .containsExactly(stuckEvents.get(0).eventId());
        assertThat(eventBridge.calls().stream().flatMap(List::stream))
                .doesNotContain(stuckEvents.get(2).eventId());

        // Lambda redelivers from the reported record; once EventBridge accepts again nothing is missing, nothing
        // doubled
        BatchResponse retry = handler(new RefusingEventBridge(emulator.eventBridge()))
                .handleRequest(
                        batch(records.subList(records.indexOf(recordOf(records, stuckEvents.get(1))), records.size())),
                        null);

        assertThat(retry.batchItemFailures()).isEmpty();
        assertThat(ids(awaitEnvelopes(probeQueueUrl, stuck, 2)))
                .containsExactly(
                        stuckEvents.get(1).eventId(), stuckEvents.get(2).eventId());
        assertThat(awaitEnvelopes(probeQueueUrl, healthy, 0))
                .as("healthy v2 came back as a duplicate: skipped")
                .isEmpty();
    }

    @Test
    void a_stream_never_publishes_past_a_failed_event_even_when_lambda_gives_up_on_it() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        List<RecordedEvent> events = storedOrder(orderId);
        RefusingEventBridge refusing = new RefusingEventBridge(emulator.eventBridge())
                .refuse(events.get(1).eventId(), Integer.MAX_VALUE);
        List<ChangeRecord> first = List.of(insert(events.get(0)), insert(events.get(1)));

        assertThat(failures(handler(refusing).handleRequest(batch(first), null)))
                .containsExactly(first.get(1).dynamodb().sequenceNumber());

        // the mapping gave up on v2 (on-failure destination) and moves on: the next batch has only v3
        ChangeRecord third = insert(events.get(2));
        assertThat(failures(handler(refusing).handleRequest(batch(List.of(third)), null)))
                .as("v2 is repaired from the events table, refused again, and v3 waits behind it")
                .containsExactly(third.dynamodb().sequenceNumber());
        assertThat(refusing.calls().stream().flatMap(List::stream))
                .doesNotContain(events.get(2).eventId());
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 1)))
                .containsExactly(events.get(0).eventId());

        BatchResponse healed = handler(emulator.eventBridge()).handleRequest(batch(List.of(third)), null);

        assertThat(healed.batchItemFailures()).isEmpty();
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 2)))
                .containsExactly(events.get(1).eventId(), events.get(2).eventId());
    }

    @Test
    void a_failed_event_is_republished_by_version_from_the_events_table_in_order_and_only_once() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        List<RecordedEvent> events = storedOrder(orderId);
        RefusingEventBridge refusing = new RefusingEventBridge(emulator.eventBridge())
                .refuse(events.get(1).eventId(), Integer.MAX_VALUE);
        handler(refusing)
                .handleRequest(
                        batch(events.stream().map(StreamRecordFixtures::insert).toList()), null);
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 1)))
                .containsExactly(events.get(0).eventId());

        PublisherHandler fixed = handler(emulator.eventBridge());
        SliceOutcome redriven = fixed.redrive("Order-" + orderId, 2);

        assertThat(redriven).isInstanceOf(SliceOutcome.Completed.class);
        assertThat(redriven.appliedVersion()).isEqualTo(3);
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 2)))
                .containsExactly(events.get(1).eventId(), events.get(2).eventId());

        assertThat(fixed.redrive("Order-" + orderId, 2).appliedVersion()).isEqualTo(3);
        assertThat(awaitEnvelopes(probeQueueUrl, orderId, 0))
                .as("already published: nothing again")
                .isEmpty();
        assertThat(fixed.redrive("Order-" + orderId, 9))
                .as("a version the table does not hold")
                .isInstanceOf(SliceOutcome.Failed.class);
    }

    @Test
    void an_event_that_cannot_be_published_is_retried_then_parked_with_its_record_and_its_stream_waits()
            throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        RecordedEvent unknownType = StreamRecordFixtures.event("Order-" + orderId, 2, "OrderTeleported", 1, "{}");
        List<RecordedEvent> events =
                List.of(other(orderId, 1, "OrderPlaced"), unknownType, other(orderId, 3, "PaymentCaptured"));
        StreamRecordFixtures.store(store, events);
        List<ChangeRecord> records =
                events.stream().map(StreamRecordFixtures::insert).toList();
        String poisonSequence = records.get(1).dynamodb().sequenceNumber();
        PublisherHandler handler = handler(emulator.eventBridge());

        assertThat(failures(handler.handleRequest(batch(records), null))).containsExactly(poisonSequence);
        assertThat(failures(handler.handleRequest(batch(records.subList(1, 3)), null)))
                .containsExactly(poisonSequence);
        assertThat(deadLetters()).isEmpty();
        assertThat(handler.handleRequest(batch(records.subList(1, 3)), null).batchItemFailures())
                .isEmpty();

        assertThat(deadLetters()).singleElement().satisfies(message -> {
            assertThat(message.get("source").asText()).isEqualTo("ordering-publisher");
            assertThat(message.get("reason").asText()).isEqualTo("poison");
            assertThat(message.get("streamId").asText()).isEqualTo("Order-" + orderId);
            assertThat(message.get("version").asLong()).isEqualTo(2);
            assertThat(message.get("eventId").asText()).isEqualTo(unknownType.eventId());
            assertThat(message.get("attempts").asInt()).isEqualTo(3);
            assertThat(StreamRecordJson.readRecord(message.get("record").toString())
                            .dynamodb()
                            .sequenceNumber())
                    .isEqualTo(poisonSequence);
        });
        assertThat(ids(awaitEnvelopes(probeQueueUrl, orderId, 1)))
                .as("v3 never overtakes the parked v2")
                .containsExactly(events.get(0).eventId());
        assertThat(metric("RecordsParked")).isEqualTo(1);
    }

    @Test
    void modified_and_removed_event_items_are_parked_with_their_record_and_counted_never_published() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        RecordedEvent placed = other(orderId, 1, "OrderPlaced");
        List<ChangeRecord> tampered = List.of(StreamRecordFixtures.modify(placed), StreamRecordFixtures.remove(placed));

        BatchResponse response = handler(emulator.eventBridge()).handleRequest(batch(tampered), null);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(deadLetters()).hasSize(2).allSatisfy(message -> {
            assertThat(message.get("reason").asText()).isEqualTo("tampered");
            assertThat(message.get("streamId").asText()).isEqualTo("Order-" + orderId);
            assertThat(message.get("version").asLong()).isEqualTo(1);
            assertThat(message.at("/record/eventName").asText()).isIn("MODIFY", "REMOVE");
        });
        assertThat(metric("TamperedRecords")).isEqualTo(2);
        assertThat(awaitEnvelopes(probeQueueUrl, orderId, 0)).isEmpty();
    }

    @Test
    void a_batch_of_many_streams_is_sent_in_calls_of_at_most_ten_entries() {
        List<ChangeRecord> records = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            records.add(insert(other("o-" + UUID.randomUUID(), 1, "OrderPlaced")));
        }
        RefusingEventBridge eventBridge = new RefusingEventBridge(emulator.eventBridge());

        BatchResponse response = handler(eventBridge).handleRequest(batch(records), null);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(eventBridge.calls()).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void ten_events_of_one_order_in_a_batch_cost_one_checkpoint_read_and_one_checkpoint_write() throws Exception {
        String orderId = "o-" + UUID.randomUUID();
        List<RecordedEvent> events = new ArrayList<>();
        for (int version = 1; version <= 10; version++) {
            events.add(other(orderId, version, version == 1 ? "OrderPlaced" : "ItemAdded"));
        }
        CapacityMeter meter = new CapacityMeter();

        BatchResponse response = handler(emulator.eventBridge(), meter)
                .handleRequest(
                        batch(events.stream().map(StreamRecordFixtures::insert).toList()), null);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(meter.usage().requestsByOperation())
                .containsExactlyInAnyOrderEntriesOf(Map.of("GetItem", 1L, "PutItem", 1L));
        assertThat(awaitEnvelopes(probeQueueUrl, orderId, 10)).hasSize(10);
    }

    /** Placed, confirmed, paid: three events in the events table. */
    private List<RecordedEvent> storedOrder(String orderId) {
        List<RecordedEvent> events = List.of(
                other(orderId, 1, "OrderPlaced"),
                other(orderId, 2, "OrderConfirmed"),
                other(orderId, 3, "PaymentCaptured"));
        StreamRecordFixtures.store(store, events);
        return events;
    }

    private PublisherHandler handler(EventBridgeClient eventBridge) {
        return handler(eventBridge, new CapacityMeter());
    }

    private PublisherHandler handler(EventBridgeClient eventBridge, CapacityMeter meter) {
        Observability observability = new Observability(
                StructuredLogger.create("ordering-publisher", StructuredLogger.Level.INFO, line -> {}, CLOCK),
                new EmfMetrics("Eventline/test", "ordering-publisher", metricLines::add, CLOCK, true),
                Tracing.disabled());
        return new PublisherHandler(
                environment, new AwsClients(environment, meter), eventBridge, NO_WAIT, CLOCK, observability);
    }

    private static List<ChangeRecord> interleave(List<RecordedEvent> a, List<RecordedEvent> b) {
        List<ChangeRecord> records = new ArrayList<>();
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

    private static ChangeRecord recordOf(List<ChangeRecord> records, RecordedEvent event) {
        return records.stream()
                .filter(r -> StreamRecords.eventIdOf(r).orElse("").equals(event.eventId()))
                .findFirst()
                .orElseThrow();
    }

    private static String sequenceOf(List<ChangeRecord> records, RecordedEvent event) {
        return recordOf(records, event).dynamodb().sequenceNumber();
    }

    private static List<String> failures(BatchResponse response) {
        return response.batchItemFailures().stream()
                .map(BatchResponse.ItemFailure::itemIdentifier)
                .toList();
    }

    private static List<String> ids(List<JsonNode> envelopes) {
        return envelopes.stream().map(e -> e.path("detail").path("id").asText()).toList();
    }

    private long metric(String name) {
        return metricLines.stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line).path(name).asLong(0);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Receives and deletes everything in the publisher's dead-letter queue. */
    private List<JsonNode> deadLetters() {
        return drain(deadLetterQueueUrl);
    }

    /** Receives and deletes everything in a queue. */
    private List<JsonNode> drain(String queueUrl) {
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = emulator.sqs()
                    .receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                try {
                    bodies.add(JSON.readTree(message.body()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                emulator.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
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
        for (Message message : emulator.sqs()
                .receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages()) {
            JsonNode envelope = JSON.readTree(message.body());
            if (envelope.path("detail").path("subject").asText().equals("Order-" + orderId)) {
                mine.add(envelope);
                emulator.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return mine;
    }
}
