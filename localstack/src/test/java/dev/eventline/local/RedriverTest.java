package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code make redrive} on the publisher's dead-letter queue, with the publisher built from the template. */
@WithEmulator
class RedriverTest {
    private static final String PUBLISHER = "eventline-dev-ordering-publisher";
    private static final String DLQ = "eventline-dev-ordering-publisher-dlq";

    private final Emulator emulator;
    private final FunctionSpec publisher;

    RedriverTest(Emulator emulator) {
        this.emulator = emulator;
        this.publisher = emulator.resources().topology().function(PUBLISHER).orElseThrow();
    }

    @Test
    void a_parked_record_is_redriven_by_stream_and_version_from_the_events_table_a_tampered_one_is_left_as_evidence() {
        String streamId = "Order-o-" + UUID.randomUUID();
        putEvent(streamId, 1, "OrderConfirmed");
        putEvent(streamId, 2, "OrderCancelled");
        String queueUrl = emulator.resources().queueUrl(DLQ);
        deadLetters();
        emulator.sqs()
                .sendMessage(b -> b.queueUrl(queueUrl)
                        .messageBody("{\"source\":\"ordering-publisher\",\"reason\":\"poison\","
                                + "\"record\":{\"eventName\":\"INSERT\"},\"streamId\":\"" + streamId
                                + "\",\"version\":2}"));
        emulator.sqs()
                .sendMessage(b -> b.queueUrl(queueUrl)
                        .messageBody("{\"source\":\"ordering-publisher\",\"reason\":\"tampered\","
                                + "\"record\":{\"eventName\":\"MODIFY\"},\"streamId\":\"" + streamId
                                + "\",\"version\":1}"));
        Topology onlyPublisher =
                new Topology(List.of(), List.of(), List.of(), List.of(), List.of(publisher), List.of());
        LocalFunction function = LocalFunctions.create(onlyPublisher, emulator.endpoint(), Map.of(), Clock.systemUTC())
                .function(PUBLISHER)
                .orElseThrow();

        RedriveReport report = new Redriver(emulator.sqs(), emulator.streams()).redrive(queueUrl, function);

        assertThat(report.redriven()).hasSize(1);
        assertThat(report.unavailable()).hasSize(1);
        assertThat(checkpoint(streamId))
                .as("versions 1 and 2 published, in order, from the events table")
                .isEqualTo("2");
        assertThat(deadLetters()).singleElement().asString().contains("tampered");
    }

    /** An event item as the command side writes it (the test has no event store on its classpath). */
    private void putEvent(String streamId, long version, String type) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("streamId", AttributeValue.fromS(streamId));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        item.put("eventId", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("type", AttributeValue.fromS(type));
        item.put("schemaVersion", AttributeValue.fromN("1"));
        item.put("data", AttributeValue.fromS("{\"orderId\":\"" + streamId.substring("Order-".length()) + "\"}"));
        item.put("commandId", AttributeValue.fromS("cmd-" + version));
        item.put("correlationId", AttributeValue.fromS("corr"));
        item.put("causationId", AttributeValue.fromS("cmd-" + version));
        item.put("actor", AttributeValue.fromS("tester"));
        item.put("occurredAt", AttributeValue.fromS("2026-11-30T10:00:00Z"));
        item.put("recordedAt", AttributeValue.fromS("2026-11-30T10:00:01Z"));
        emulator.dynamoDb()
                .putItem(b ->
                        b.tableName(publisher.environment().get("EVENTS_TABLE")).item(item));
    }

    private String checkpoint(String streamId) {
        var item = emulator.dynamoDb()
                .getItem(b -> b.tableName(publisher.environment().get("CHECKPOINTS_TABLE"))
                        .key(Map.of("streamId", AttributeValue.fromS(streamId)))
                        .consistentRead(true))
                .item();
        return item.isEmpty() ? "none" : item.get("version").n();
    }

    private List<String> deadLetters() {
        String queueUrl = emulator.resources().queueUrl(DLQ);
        List<Message> messages = emulator.sqs()
                .receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages();
        messages.forEach(
                m -> emulator.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages.stream().map(Message::body).toList();
    }
}
