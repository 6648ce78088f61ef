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
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamRecordJson;
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
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
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
    void on_failure_message_is_redriven_from_the_stream_once_the_function_is_fixed() {
        start(streamMapping("fn-redrive", 10, true, 0, -1));
        script.poison.add(prefix + "-a/2");
        List<String> written = write(prefix + "-a", 2);
        await().atMost(PATIENCE)
                .until(() -> script.sequenceNumbers.containsKey(written.get(1))
                        && deadLetterFor(script.sequenceNumbers.get(written.get(1)))
                                .isPresent());

        script.poison.clear();
        RedriveReport report = new Redriver(emulator.sqs(), emulator.streams())
                .redrive(
                        emulator.resources().queueUrl(STREAM_DLQ),
                        runtime.functions().function("fn-redrive").orElseThrow());

        assertThat(report.failed()).isEmpty();
        assertThat(script.processed).containsExactly(written.get(0), written.get(1));
        assertThat(deadLetterFor(script.sequenceNumbers.get(written.get(1)))).isEmpty();
    }

    @Test
    void parked_record_is_replayed_through_the_function_and_deleted_only_on_success() throws Exception {
        start(List.of()); // the function alone: no mapping feeds it the record before the redrive does
        String key = write(prefix + "-p", 1).getFirst();
        Record stored = readBack(key);
        String body = JSON.createObjectNode()
                .put("source", "fn-parked")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "record",
                        StreamRecordJson.toJson(
                                SdkRecords.toLambda(stored, emulator.resources().streamArn(EVENTS_TABLE))))
                .put("attempts", 3)
                .put("streamId", prefix + "-p")
                .put("version", 1)
                .toString();
        String queueUrl = emulator.resources().queueUrl(STREAM_DLQ);
        emulator.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        script.poison.add(key);
        LocalFunction function = runtime.functions().function("fn-parked").orElseThrow();

        RedriveReport stillBroken = new Redriver(emulator.sqs(), emulator.streams()).redrive(queueUrl, function);
        assertThat(stillBroken.failed()).hasSize(1);

        script.poison.clear();
        await().atMost(PATIENCE).untilAsserted(() -> {
            RedriveReport fixed = new Redriver(emulator.sqs(), emulator.streams()).redrive(queueUrl, function);
            assertThat(fixed.redriven()).containsAll(stillBroken.failed());
        });
        assertThat(script.processed).contains(key);
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

    private void start(MappingSpec mapping) {
        start(List.of(mapping));
    }

    /** Starts function {@code fn-*} of the mappings (or {@code fn-parked}) and waits until it reads the stream's tip. */
    private void start(List<MappingSpec> mappings) {
        String name = mappings.isEmpty() ? "fn-parked" : mappings.getFirst().functionName();
        runtime = LocalRuntime.start(
                TestTopologies.withFunctions(
                        emulator.resources(),
                        List.of(function(name, ScriptedStreamHandler.class, Map.of("SCRIPT", prefix))),
                        mappings),
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

    private Record readBack(String key) {
        String streamArn = emulator.resources().streamArn(EVENTS_TABLE);
        String shardId = emulator.streams()
                .describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        String iterator = emulator.streams()
                .getShardIterator(
                        b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return emulator.streams().getRecords(b -> b.shardIterator(iterator).limit(1000)).records().stream()
                .filter(r -> (r.dynamodb().keys().get("streamId").s() + "/"
                                + r.dynamodb().keys().get("version").n())
                        .equals(key))
                .findFirst()
                .orElseThrow();
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
