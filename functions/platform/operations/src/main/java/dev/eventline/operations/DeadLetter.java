package dev.eventline.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a dead-letter message says, read from its body: the three shapes the queues receive.
 */
public sealed interface DeadLetter {

    /** A record the stream-consumer runtime parked itself: it names the stream and version. */
    record Parked(
            String source,
            String reason,
            String streamId,
            long version,
            int attempts,
            String errorType,
            String errorMessage,
            Instant firstFailedAt,
            Instant parkedAt)
            implements DeadLetter {
        /** A changed or deleted event item: evidence to look at, nothing to reapply. */
        public boolean tampered() {
            return "tampered".equals(reason);
        }
    }

    /**
     * The event source mapping's on-failure message: shard coordinates and arrival times only. The
     * records themselves are gone from the stream after 24 hours; the times find them in the events table.
     */
    record OnFailure(
            String functionArn,
            String condition,
            String streamArn,
            String shardId,
            String startSequenceNumber,
            String endSequenceNumber,
            int batchSize,
            Instant firstArrival,
            Instant lastArrival)
            implements DeadLetter {}

    /** Anything else (an EventBridge target's or an SQS consumer's message), or a body that cannot be read. */
    record Other(String description) implements DeadLetter {}

    /** Lambda's largest stream batch: an on-failure message never names more. */
    int MAX_BATCH_SIZE = 10_000;

    ObjectMapper JSON = new ObjectMapper();

    /** DynamoDB Streams sequence numbers are 21 to 40 digits. */
    Pattern SEQUENCE_NUMBER = Pattern.compile("[0-9]{1,40}");

    /**
     * Reads a message body. A body's claims are checked before anything is read by them: a forged batch
     * size or time range could otherwise make one message scan a whole table.
     */
    static DeadLetter read(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Other("body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return new Other("body is not a JSON object");
        }
        if (json.path("record").isObject() || json.path("streamId").isTextual()) {
            return parked(json);
        }
        if (json.path("DDBStreamBatchInfo").isObject()) {
            return onFailure(json);
        }
        return new Other(
                json.has("detail-type") ? "an EventBridge event" : "neither a parked record nor an on-failure message");
    }

    private static DeadLetter parked(JsonNode json) {
        if (!json.path("streamId").isTextual()
                || !json.path("version").canConvertToLong()
                || json.path("version").asLong() < 1) {
            return new Other("a parked record without a stream position (streamId, version)");
        }
        return new Parked(
                json.path("source").asText(null),
                json.path("reason").asText("poison"),
                json.path("streamId").asText(),
                json.path("version").asLong(),
                json.path("attempts").asInt(0),
                json.path("error").path("type").asText(null),
                json.path("error").path("message").asText(null),
                instant(json.path("firstFailedAt")).orElse(null),
                instant(json.path("parkedAt")).orElse(null));
    }

    private static DeadLetter onFailure(JsonNode json) {
        JsonNode info = json.path("DDBStreamBatchInfo");
        String start = info.path("startSequenceNumber").asText("");
        String end = info.path("endSequenceNumber").asText("");
        if (!info.path("streamArn").isTextual() || !info.path("shardId").isTextual()) {
            return new Other("an on-failure message without streamArn or shardId");
        }
        if (!SEQUENCE_NUMBER.matcher(start).matches()
                || !SEQUENCE_NUMBER.matcher(end).matches()
                || new BigInteger(start).compareTo(new BigInteger(end)) > 0) {
            return new Other("an on-failure message whose sequence range is not two sequence numbers in order");
        }
        JsonNode batchSize = info.path("batchSize");
        if (!batchSize.isIntegralNumber() || batchSize.asLong() < 1 || batchSize.asLong() > MAX_BATCH_SIZE) {
            return new Other("an on-failure message whose batchSize is not 1-" + MAX_BATCH_SIZE);
        }
        Optional<Instant> first = instant(info.path("approximateArrivalOfFirstRecord"));
        Optional<Instant> last = instant(info.path("approximateArrivalOfLastRecord"));
        if (first.isEmpty() || last.isEmpty() || first.get().isAfter(last.get())) {
            return new Other("an on-failure message without arrival times in order");
        }
        return new OnFailure(
                json.path("requestContext").path("functionArn").asText(null),
                json.path("requestContext").path("condition").asText(null),
                info.path("streamArn").asText(),
                info.path("shardId").asText(),
                start,
                end,
                batchSize.asInt(),
                first.get(),
                last.get());
    }

    private static Optional<Instant> instant(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(node.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
