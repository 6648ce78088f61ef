package dev.eventline.local;

import static dev.eventline.local.TestTopologies.EVENTS_TABLE;
import static dev.eventline.local.TestTopologies.STREAM_DLQ;
import static dev.eventline.local.TestTopologies.function;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.local.ScriptedStreamHandler.Script;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * A dead-letter message is input like any other: what it names is checked before anything is read
 * by it, so a forged or damaged message is reported and left in the queue, never a read of a whole
 * stream, a thrown redrive, or a partial batch passed off as the failed one.
 */
@WithEmulator
class RedriveBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Emulator emulator;
    private final String prefix =
            "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Script script = new Script(prefix);
    private LocalRuntime runtime;
    private String shardId;

    RedriveBoundsTest(Emulator emulator) {
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
    void messages_that_name_more_than_a_batch_or_nothing_readable_are_left_unread_and_a_true_batch_is_redriven() {
        runtime = LocalRuntime.start(
                TestTopologies.withFunctions(
                        emulator.resources(),
                        List.of(function("fn-redrive", ScriptedStreamHandler.class, Map.of("SCRIPT", prefix))),
                        List.of()),
                emulator.endpoint(),
                RuntimeSettings.FAST,
                Optional.empty(),
                Map.of(),
                Clock.systemUTC());
        List<Record> written = writeAndReadBack(3);
        String first = written.getFirst().dynamodb().sequenceNumber();
        String last = written.getLast().dynamodb().sequenceNumber();
        String queueUrl = emulator.resources().queueUrl(STREAM_DLQ);
        List<String> forged = List.of(
                onFailure(first, last, 1), // a range holding more than its batch
                onFailure(first, last, Integer.MAX_VALUE), // a batch no Lambda sends
                onFailure("abc", "9".repeat(10_000), 3), // not sequence numbers
                onFailure(last, first, 3)); // out of order
        String damagedParkedRecord =
                "{\"record\":{\"dynamodb\":\"not a stream record\"},\"streamId\":\"x\",\"version\":1}";
        forged.forEach(
                body -> emulator.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));
        emulator.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(damagedParkedRecord));
        emulator.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(onFailure(first, last, 3)));

        RedriveReport report = new Redriver(emulator.sqs(), emulator.streams())
                .redrive(queueUrl, runtime.functions().function("fn-redrive").orElseThrow());

        assertThat(report.unavailable()).as("read nothing by them").hasSize(forged.size());
        assertThat(report.failed())
                .as("the function refused the damaged record")
                .hasSize(1);
        assertThat(report.redriven()).hasSize(1);
        assertThat(script.invocations).hasSize(1);
        assertThat(script.processed).containsExactly(prefix + "-r/1", prefix + "-r/2", prefix + "-r/3");
        assertThat(emulator.sqs()
                        .getQueueAttributes(
                                b -> b.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                        .attributesAsStrings()
                        .get("ApproximateNumberOfMessages"))
                .as("left in the queue")
                .isEqualTo(String.valueOf(forged.size() + 1));
    }

    private String onFailure(String start, String end, int batchSize) {
        ObjectNode message = JSON.createObjectNode();
        message.putObject("requestContext").put("condition", "RetryAttemptsExhausted");
        message.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", start)
                .put("endSequenceNumber", end)
                .put("batchSize", batchSize)
                .put("streamArn", emulator.resources().streamArn(EVENTS_TABLE));
        return message.toString();
    }

    /** Puts {@code count} items of one stream, then reads their stream records back, in order. */
    private List<Record> writeAndReadBack(int count) {
        String streamId = prefix + "-r";
        for (int version = 1; version <= count; version++) {
            int v = version;
            emulator.dynamoDb()
                    .putItem(b -> b.tableName(EVENTS_TABLE)
                            .item(Map.of(
                                    "streamId",
                                    AttributeValue.fromS(streamId),
                                    "version",
                                    AttributeValue.fromN(Integer.toString(v)))));
        }
        String streamArn = emulator.resources().streamArn(EVENTS_TABLE);
        var shard = emulator.streams()
                .describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getLast();
        shardId = shard.shardId();
        String iterator = emulator.streams()
                .getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> mine = new ArrayList<>();
        while (iterator != null && mine.size() < count) {
            String current = iterator;
            var page =
                    emulator.streams().getRecords(b -> b.shardIterator(current).limit(1000));
            page.records().stream()
                    .filter(r -> r.dynamodb().keys().get("streamId").s().equals(streamId))
                    .forEach(mine::add);
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        assertThat(mine).hasSize(count);
        return mine;
    }
}
