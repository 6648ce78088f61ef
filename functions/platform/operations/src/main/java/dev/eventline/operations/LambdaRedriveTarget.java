package dev.eventline.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.dynamodb.EventItem;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.streams.StreamRecordJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Redrive through a deployed stream consumer: the function is invoked (its {@code live} alias, as the
 * event source mapping does) with one stream record rebuilt from the events table, the stream's
 * current head. The consumer's runtime finds its checkpoint below it and repairs the gap from the
 * events table, so everything from the checkpoint to the head is applied in order, however old; a
 * stream already at the head is a duplicate and costs one read. Nothing new in the function: this is
 * the delivery it would get from the stream.
 */
public final class LambdaRedriveTarget implements RedriveTarget {
    /** The alias event sources invoke (infrastructure's EventlineFunction.LIVE_ALIAS). */
    public static final String LIVE_ALIAS = "live";
    /**
     * Invocations per redrive at most: the runtime repairs up to 1,000 versions per stream per invocation
     * (StreamSequencer.MAX_REPAIRED) and reports the rest, so a stream 100,000 behind still finishes.
     */
    static final int MAX_INVOCATIONS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final DynamoDbClient dynamoDb;
    private final String function;
    private final String eventsTable;
    private final Optional<Resources.Checkpoint> checkpoint;

    /**
     * @param checkpoint where the consumer keeps each stream's version, to confirm a redrive moved it (a
     *                   consumer that parks the event again acknowledges the record all the same)
     */
    public LambdaRedriveTarget(
            LambdaClient lambda,
            DynamoDbClient dynamoDb,
            String function,
            String eventsTable,
            Optional<Resources.Checkpoint> checkpoint) {
        this.lambda = lambda;
        this.dynamoDb = dynamoDb;
        this.function = function;
        this.eventsTable = eventsTable;
        this.checkpoint = checkpoint;
    }

    /** The consumer of {@code resources} named {@code function}. */
    public static LambdaRedriveTarget of(
            LambdaClient lambda, DynamoDbClient dynamoDb, Resources resources, Resources.Consumer consumer) {
        String table = resources
                .context(consumer.context())
                .orElseThrow(() -> new NotFoundException("no context " + consumer.context()))
                .eventsTable();
        return new LambdaRedriveTarget(lambda, dynamoDb, consumer.function(), table, consumer.checkpoint());
    }

    @Override
    public String name() {
        return function;
    }

    @Override
    public Outcome redrive(String streamId, long version) {
        List<Map<String, AttributeValue>> head = dynamoDb.query(b -> b.tableName(eventsTable)
                        .keyConditionExpression("streamId = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(streamId)))
                        .scanIndexForward(false)
                        .consistentRead(true)
                        .limit(1))
                .items();
        if (head.isEmpty()) {
            return new Outcome.Failed(streamId + " has no event in " + eventsTable);
        }
        long headVersion = EventItem.eventPosition(head.getFirst());
        if (headVersion < version) {
            return new Outcome.Failed(streamId + " ends at v" + headVersion + ", before v" + version);
        }
        String payload = StreamRecordJson.writeEvent(event(head.getFirst(), headVersion));
        long before = checkpointOf(streamId).orElse(-1L);
        for (int attempt = 1; attempt <= MAX_INVOCATIONS; attempt++) {
            InvokeResponse response = lambda.invoke(b -> b.functionName(function)
                    .qualifier(LIVE_ALIAS)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(payload)));
            String answer = response.payload() == null ? "" : response.payload().asUtf8String();
            if (response.functionError() != null) {
                return new Outcome.Failed(function + " failed (" + response.functionError() + "): " + answer);
            }
            Optional<Long> now = checkpointOf(streamId);
            if (reportedFailures(answer) == 0) {
                if (now.isPresent() && now.get() < version) {
                    return new Outcome.Failed(function + " acknowledged " + streamId + " but its checkpoint is v"
                            + now.get() + ", below v" + version + ": the event failed again and was parked anew");
                }
                return new Outcome.Done(now.orElse(headVersion));
            }
            if (now.isEmpty() || now.get() <= before) {
                return new Outcome.Failed(function + " reported " + streamId + " as not applied"
                        + now.map(v -> " (still at v" + v + ")").orElse("") + "; see its logs");
            }
            // it moved, and stopped at its per-invocation repair bound: go on from there
            before = now.get();
        }
        return new Outcome.Failed(
                streamId + " still behind after " + MAX_INVOCATIONS + " invocations of " + function + ": run again");
    }

    private Optional<Long> checkpointOf(String streamId) {
        if (checkpoint.isEmpty()) {
            return Optional.empty();
        }
        Resources.Checkpoint at = checkpoint.get();
        Optional<String> key = at.keyOf(streamId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        var item = dynamoDb.getItem(b -> b.tableName(at.table())
                        .key(Map.of(at.keyAttribute(), AttributeValue.fromS(key.get())))
                        .projectionExpression("#v")
                        .expressionAttributeNames(Map.of("#v", at.versionAttribute()))
                        .consistentRead(true))
                .item();
        return Optional.of(
                item == null || !item.containsKey(at.versionAttribute())
                        ? 0L
                        : Long.parseLong(item.get(at.versionAttribute()).n()));
    }

    private static int reportedFailures(String answer) {
        if (answer.isBlank() || "null".equals(answer.strip())) {
            return 0;
        }
        try {
            JsonNode failures = JSON.readTree(answer).path("batchItemFailures");
            return failures.isArray() ? failures.size() : 0;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(
                    "the consumer answered something other than a stream response: " + answer, e);
        }
    }

    /** The INSERT record the stream delivered for this item (what the runtime reads: keys, image, sequence). */
    static StreamEvent event(Map<String, AttributeValue> item, long version) {
        StreamRecord stream = StreamRecord.builder()
                .keys(Map.of("streamId", item.get("streamId"), "version", item.get("version")))
                .newImage(item)
                // not a stream position: the runtime only echoes it in a partial-batch response
                .sequenceNumber(String.format("%021d", version))
                .streamViewType(StreamViewType.NEW_IMAGE)
                .build();
        return new StreamEvent(List.of(new ChangeRecord(
                "redrive-" + item.get("streamId").s() + "-" + version,
                "INSERT",
                "1.1",
                "aws:dynamodb",
                null,
                null,
                stream,
                null)));
    }
}
