package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamRecordJson;
import dev.eventline.streams.StreamRedrive;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reprocesses a stream function's dead-letter queue through the function itself, in process, and
 * deletes a message only once the function succeeded with it. Two kinds of message:
 *
 * <ul>
 *   <li>a record parked by the function ({@code {"source", "reason", "record", "streamId", "version", ...}}):
 *       redriven by stream and version from the events table when the function offers it
 *       ({@link StreamRedrive}: every stream consumer does), so the fixed event is read as it is now
 *       and everything its stream has after it follows in order, however old; otherwise the full
 *       stream record is replayed as a one-record {@code DynamodbEvent}. A record parked because it
 *       changed or removed an event item ({@code "reason": "tampered"}) is evidence, not work: it is
 *       left in the queue;</li>
 *   <li>Lambda's on-failure message ({@code DDBStreamBatchInfo}): only a shard and sequence range,
 *       so the records are read back from the stream, which is possible for 24 hours.</li>
 * </ul>
 *
 * On AWS the same reprocessing is a {@code lambda:Invoke} of the function with the rebuilt event
 * (not implemented here); queues fed by SQS itself are redriven with SQS's StartMessageMoveTask instead.
 */
public final class Redriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VISIBILITY_SECONDS = 60;
    /** Lambda's largest batch from a stream: an on-failure message never names more. */
    static final int MAX_BATCH_SIZE = 10_000;
    /** DynamoDB Streams sequence numbers are 21 to 40 digits. */
    private static final Pattern SEQUENCE_NUMBER = Pattern.compile("[0-9]{1,40}");

    private final SqsClient sqs;
    private final StreamRange streams;

    public Redriver(SqsClient sqs, DynamoDbStreamsClient streams) {
        this.sqs = sqs;
        this.streams = new StreamRange(streams);
    }

    /**
     * Every message currently in the queue, each once. Messages that still fail stay hidden while
     * the run lasts (so it ends), then become visible again for the next attempt.
     */
    public RedriveReport redrive(String queueUrl, LocalFunction function) {
        RedriveReport report = new RedriveReport();
        Set<String> seen = new HashSet<>();
        List<String> left = new ArrayList<>();
        try {
            while (true) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .visibilityTimeout(VISIBILITY_SECONDS)
                                .waitTimeSeconds(0))
                        .messages();
                List<Message> fresh =
                        messages.stream().filter(m -> seen.add(m.messageId())).toList();
                if (fresh.isEmpty()) {
                    return report;
                }
                for (Message message : fresh) {
                    if (redriveOne(message, function, report)) {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    } else {
                        left.add(message.receiptHandle());
                    }
                }
            }
        } finally {
            left.forEach(handle -> sqs.changeMessageVisibility(
                    b -> b.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(0)));
        }
    }

    private boolean redriveOne(Message message, LocalFunction function, RedriveReport report) {
        JsonNode body;
        try {
            body = JSON.readTree(message.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            report.unavailable(message.messageId(), "body is not JSON");
            return false;
        }
        boolean parkedRecord = body.path("record").isObject();
        if (parkedRecord && "tampered".equals(body.path("reason").asText())) {
            report.unavailable(
                    message.messageId(),
                    body.path("record").path("eventName").asText("a change") + " of event item "
                            + body.path("streamId").asText("?") + " v"
                            + body.path("version").asText("?")
                            + ": nothing to replay; find out what wrote to the events table");
            return false;
        }
        Optional<StreamRedrive> byVersion = parkedRecord ? byVersion(body, function) : Optional.empty();
        if (byVersion.isPresent()) {
            return redriveByVersion(message, body, byVersion.get(), function, report);
        }
        Optional<DynamodbEvent> event;
        String what;
        if (parkedRecord) {
            try {
                event = Optional.of(parked(body.path("record")));
            } catch (RuntimeException unreadable) {
                report.unavailable(message.messageId(), "the parked record cannot be read: " + unreadable.getMessage());
                return false;
            }
            what = "parked record of " + body.path("streamId").asText("?") + " v"
                    + body.path("version").asText("?");
        } else if (body.path("DDBStreamBatchInfo").isObject()) {
            JsonNode info = body.path("DDBStreamBatchInfo");
            Optional<String> malformed = malformed(info);
            if (malformed.isPresent()) {
                report.unavailable(message.messageId(), "not an on-failure message Lambda writes: " + malformed.get());
                return false;
            }
            event = reread(info);
            if (event.isPresent()
                    && event.get().getRecords().size() > info.path("batchSize").asInt()) {
                report.unavailable(
                        message.messageId(),
                        "the stream holds more records in that range than the batch had ("
                                + info.path("batchSize").asInt() + "): not the batch that failed");
                return false;
            }
            what = info.path("batchSize").asText() + " record(s) "
                    + info.path("startSequenceNumber").asText() + ".."
                    + info.path("endSequenceNumber").asText() + " re-read from the stream";
            if (event.isEmpty()) {
                report.unavailable(
                        message.messageId(),
                        "records " + info.path("startSequenceNumber").asText() + ".."
                                + info.path("endSequenceNumber").asText()
                                + " are no longer in the stream (retention 24 h):"
                                + " rebuild them from the events table");
                return false;
            }
        } else {
            report.unavailable(message.messageId(), "neither a parked record nor a Lambda on-failure message");
            return false;
        }
        try {
            Object response = function.invoke(event.get());
            if (response instanceof StreamsEventResponse answer
                    && answer.getBatchItemFailures() != null
                    && !answer.getBatchItemFailures().isEmpty()) {
                report.failed(
                        message.messageId(),
                        function.name() + " reported "
                                + answer.getBatchItemFailures().size() + " failed record(s)");
                return false;
            }
            report.redriven(message.messageId(), what);
            return true;
        } catch (RuntimeException | Error e) {
            report.failed(message.messageId(), function.name() + " threw " + e);
            return false;
        }
    }

    /** A parked record's stream position, when the function can redrive from it. */
    private static Optional<StreamRedrive> byVersion(JsonNode body, LocalFunction function) {
        boolean positioned = body.path("streamId").isTextual()
                && body.path("version").canConvertToLong()
                && body.path("version").asLong() >= 1;
        return positioned ? function.redrive() : Optional.empty();
    }

    private static boolean redriveByVersion(
            Message message, JsonNode body, StreamRedrive redrive, LocalFunction function, RedriveReport report) {
        String streamId = body.path("streamId").asText();
        long version = body.path("version").asLong();
        try {
            SliceOutcome outcome = redrive.redrive(streamId, version);
            if (outcome instanceof SliceOutcome.Failed failed) {
                report.failed(
                        message.messageId(),
                        function.name() + " stopped " + streamId + " at v" + failed.appliedVersion() + ": "
                                + failed.cause());
                return false;
            }
            report.redriven(
                    message.messageId(),
                    streamId + " v" + version + " redriven from the events table (now at v" + outcome.appliedVersion()
                            + ")");
            return true;
        } catch (RuntimeException | Error e) {
            report.failed(message.messageId(), function.name() + " threw " + e);
            return false;
        }
    }

    private static DynamodbEvent parked(JsonNode record) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(StreamRecordJson.readRecord(record)));
        return event;
    }

    /**
     * What a message body names is checked before anything is read by it: a forged range or batch size
     * could otherwise make one message read a whole stream.
     */
    private static Optional<String> malformed(JsonNode info) {
        String start = info.path("startSequenceNumber").asText("");
        String end = info.path("endSequenceNumber").asText("");
        if (!info.path("streamArn").isTextual()
                || info.path("streamArn").asText().isBlank()
                || !info.path("shardId").isTextual()
                || info.path("shardId").asText().isBlank()) {
            return Optional.of("no streamArn or shardId");
        }
        if (!SEQUENCE_NUMBER.matcher(start).matches()
                || !SEQUENCE_NUMBER.matcher(end).matches()
                || new BigInteger(start).compareTo(new BigInteger(end)) > 0) {
            return Optional.of("the sequence range is not two sequence numbers in order");
        }
        JsonNode batchSize = info.path("batchSize");
        if (!batchSize.isIntegralNumber() || batchSize.asLong() < 1 || batchSize.asLong() > MAX_BATCH_SIZE) {
            return Optional.of("batchSize is not 1-" + MAX_BATCH_SIZE);
        }
        return Optional.empty();
    }

    private Optional<DynamodbEvent> reread(JsonNode info) {
        String streamArn = info.path("streamArn").asText();
        Optional<List<Record>> records = streams.read(
                streamArn,
                info.path("shardId").asText(),
                info.path("startSequenceNumber").asText(),
                info.path("endSequenceNumber").asText(),
                info.path("batchSize").asInt());
        return records.filter(r -> !r.isEmpty()).map(r -> SdkRecords.toDynamodbEvent(r, streamArn));
    }
}
