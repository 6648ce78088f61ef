package dev.eventline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A stream mapping's on-failure destination: when a batch is given up, an SQS message in the
 * format Lambda documents for DynamoDB Streams, which names the records (shard and sequence range)
 * but does not contain them. Without a destination the batch is dropped, as Lambda drops it.
 */
final class OnFailureDestination {
    static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";
    static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final Optional<String> queueUrl;
    private final String functionArn;
    private final String streamArn;
    private final Clock clock;

    OnFailureDestination(SqsClient sqs, Optional<String> queueUrl, String functionArn, String streamArn, Clock clock) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.functionArn = functionArn;
        this.streamArn = streamArn;
        this.clock = clock;
    }

    /**
     * @param lastError the last invocation's outcome; empty when the records expired before an invocation
     */
    void send(
            String shardId,
            List<Record> records,
            String condition,
            int invokeCount,
            Optional<InvocationResult> lastError) {
        String body =
                message(shardId, records, condition, invokeCount, lastError).toString();
        queueUrl.ifPresentOrElse(
                url -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)),
                () -> LocalLog.warn("no on-failure destination: dropping " + body));
    }

    ObjectNode message(
            String shardId,
            List<Record> records,
            String condition,
            int invokeCount,
            Optional<InvocationResult> lastError) {
        ObjectNode message = JSON.createObjectNode();
        message.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put("functionArn", functionArn)
                .put("condition", condition)
                .put("approximateInvokeCount", invokeCount);
        lastError.ifPresent(result -> {
            ObjectNode response =
                    message.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
            if (result instanceof InvocationResult.FunctionError) {
                response.put("functionError", "Unhandled");
            }
        });
        message.put("version", "1.0");
        message.put("timestamp", clock.instant().toString());
        message.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", records.getFirst().dynamodb().sequenceNumber())
                .put("endSequenceNumber", records.getLast().dynamodb().sequenceNumber())
                .put("approximateArrivalOfFirstRecord", arrival(records.getFirst()))
                .put("approximateArrivalOfLastRecord", arrival(records.getLast()))
                .put("batchSize", records.size())
                .put("streamArn", streamArn);
        return message;
    }

    private String arrival(Record record) {
        Instant created = record.dynamodb().approximateCreationDateTime();
        return (created == null ? clock.instant() : created).toString();
    }
}
