package dev.eventline.local;

import static dev.eventline.local.TestTopologies.EVENTS_TABLE;
import static dev.eventline.local.TestTopologies.STREAM_DLQ;
import static dev.eventline.local.TestTopologies.function;
import static dev.eventline.local.TestTopologies.streamMapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.local.ScriptedStreamHandler.Script;
import dev.eventline.local.emulator.Topology.MappingSpec;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/** The stream event source against moto's real stream: Lambda's ESM semantics, one at a time. */
@WithEmulator
class StreamEventSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Emulator emulator;
    private final String prefix =
            "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Script script = new Script(prefix);
    private LocalRuntime runtime;

    StreamEventSourceTest(Emulator emulator) {
        this.emulator = emulator;
        ScriptedStreamHandler.SCRIPTS.put(prefix, script);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        ScriptedStreamHandler.SCRIPTS.remove(prefix);
    }

    @Test
    void records_reach_the_function_in_shard_order_in_batches_of_at_most_batch_size() {
        start(streamMapping("fn-order", 3, false, -1, -1));

        List<String> written = write(prefix + "-a", 7);

        await().atMost(PATIENCE).until(() -> script.processed.size() == 7);
        assertThat(script.processed).containsExactlyElementsOf(written);
        assertThat(script.invocations).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        await().atMost(PATIENCE)
                .until(() -> runtime.streamSources().getFirst().checkpoints().values().stream()
                        .anyMatch(c -> c.equals(Optional.of(script.sequenceNumbers.get(written.getLast())))));
    }

    @Test
    void batch_item_failure_checkpoints_before_it_and_retries_from_it() {
        start(streamMapping("fn-partial", 10, true, 3, -1));
        script.reportTimes.put(prefix + "-a/2", 1);

        List<String> written = write(prefix + "-a", 4);

        await().atMost(PATIENCE).until(() -> script.processed.size() == 4);
        assertThat(script.processed).containsExactlyElementsOf(written);
        assertThat(script.invocations).containsExactly(written, written.subList(1, 4));
    }

    @Test
    void function_error_bisects_to_the_poison_record_retries_it_then_sends_lambdas_on_failure_message_and_moves_on()
            throws Exception {
        start(streamMapping("fn-poison", 10, true, 2, -1));
        script.poison.add(prefix + "-a/3");

        List<String> written = write(prefix + "-a", 4);

        await().atMost(PATIENCE).until(() -> script.processed.size() == 3);
        assertThat(script.processed).containsExactly(written.get(0), written.get(1), written.get(3));
        // whole batch, halves, then the poison alone: first try and two retries (splits are not retries)
        assertThat(script.invocations)
                .containsExactly(
                        written,
                        written.subList(0, 2),
                        written.subList(2, 4),
                        written.subList(2, 3),
                        written.subList(2, 3),
                        written.subList(2, 3),
                        written.subList(3, 4));
        String poisonSequence = script.sequenceNumbers.get(written.get(2));
        JsonNode message = JSON.readTree(awaitDeadLetter(poisonSequence).body());
        assertThat(message.path("requestContext").path("condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(message.path("requestContext").path("functionArn").asText()).endsWith(":function:fn-poison");
        assertThat(message.path("requestContext").path("approximateInvokeCount").asInt())
                .isEqualTo(6);
        assertThat(message.path("responseContext").path("functionError").asText())
                .isEqualTo("Unhandled");
        assertThat(message.path("version").asText()).isEqualTo("1.0");
        JsonNode info = message.path("DDBStreamBatchInfo");
        assertThat(info.path("endSequenceNumber").asText()).isEqualTo(poisonSequence);
        assertThat(info.path("batchSize").asInt()).isEqualTo(1);
        assertThat(info.path("streamArn").asText())
                .isEqualTo(emulator.resources().streamArn(EVENTS_TABLE));
        assertThat(info.path("shardId").asText()).isNotBlank();
        assertThat(info.path("approximateArrivalOfFirstRecord").asText()).isNotBlank();
    }

    @Test
    void records_older_than_maximum_record_age_go_to_the_on_failure_destination_without_an_invocation()
            throws Exception {
        start(streamMapping("fn-age", 100, false, -1, 0));

        write(prefix + "-a", 1);

        await().atMost(PATIENCE)
                .until(() -> deadLetters().stream().anyMatch(m -> m.body().contains("RecordAgeExceeded")));
        assertThat(script.invocations).isEmpty();
    }

    /** Starts the mapping's function {@code fn-*} and waits until it reads the stream's tip. */
    private void start(MappingSpec mapping) {
        String name = mapping.functionName();
        runtime = LocalRuntime.start(
                TestTopologies.withFunctions(
                        emulator.resources(),
                        List.of(function(name, ScriptedStreamHandler.class, Map.of("SCRIPT", prefix))),
                        List.of(mapping)),
                emulator.endpoint(),
                RuntimeSettings.FAST,
                Optional.empty(),
                Map.of(),
                Clock.systemUTC());
        await().atMost(PATIENCE).until(() -> runtime.streamSources().stream().allMatch(StreamEventSource::positioned));
    }

    /** Appends {@code count} items to one stream of the events table in one request; returns their keys in order. */
    private List<String> write(String streamId, int count) {
        List<String> keys = new ArrayList<>();
        List<WriteRequest> writes = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(version -> {
            writes.add(WriteRequest.builder()
                    .putRequest(p -> p.item(Map.of(
                            "streamId", AttributeValue.fromS(streamId),
                            "version", AttributeValue.fromN(Integer.toString(version)),
                            "type", AttributeValue.fromS("TestEvent"))))
                    .build());
            keys.add(streamId + "/" + version);
        });
        emulator.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of(EVENTS_TABLE, writes)));
        return keys;
    }

    private Message awaitDeadLetter(String sequenceNumber) {
        return await().atMost(PATIENCE)
                .until(() -> deadLetterFor(sequenceNumber), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<Message> deadLetterFor(String sequenceNumber) {
        return deadLetters().stream()
                .filter(m -> m.body().contains("\"endSequenceNumber\":\"" + sequenceNumber + "\""))
                .findFirst();
    }

    /** Peeks at the dead-letter queue without consuming it. */
    private List<Message> deadLetters() {
        return emulator.sqs()
                .receiveMessage(b -> b.queueUrl(emulator.resources().queueUrl(STREAM_DLQ))
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0))
                .messages();
    }
}
