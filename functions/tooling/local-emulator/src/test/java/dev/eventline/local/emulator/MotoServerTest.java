package dev.eventline.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What the project's launcher ({@code localstack/moto_server.py}) makes of moto: a cancelled
 * TransactWriteItems leaves no trace, as in DynamoDB, and the table's stream lives on for the
 * iterators already handed out.
 */
class MotoServerTest {
    private static final String TABLE = "launcher-check";

    private static MotoServer moto;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;
    private static String streamArn;

    @BeforeAll
    static void start() {
        moto = MotoServer.start();
        AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
        dynamoDb = endpoint.dynamoDb();
        streams = endpoint.dynamoDbStreams();
        streamArn = dynamoDb.createTable(b -> b.tableName(TABLE)
                        .billingMode("PAY_PER_REQUEST")
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        streams.close();
        moto.close();
    }

    @Test
    void
            a_cancelled_transaction_writes_nothing_emits_nothing_and_iterators_taken_before_it_read_what_is_written_after() {
        String iterator = latestIterator();
        put("kept", "1");
        put("deleted", "1");
        GetRecordsResponse before = streams.getRecords(b -> b.shardIterator(iterator));
        assertThat(keysOf(before)).containsExactly("kept", "deleted");

        // moto applies the first three before it meets the failing condition of the fourth
        TransactionCanceledException cancelled = catchThrowableOfType(
                TransactionCanceledException.class,
                () -> dynamoDb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName(TABLE).item(item("phantom", "1")))
                                .build(),
                        TransactWriteItem.builder()
                                .update(u -> u.tableName(TABLE)
                                        .key(key("kept"))
                                        .updateExpression("SET v = :v")
                                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2"))))
                                .build(),
                        TransactWriteItem.builder()
                                .delete(d -> d.tableName(TABLE).key(key("deleted")))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName(TABLE)
                                        .item(item("absent", "1"))
                                        .conditionExpression("attribute_exists(id)"))
                                .build())));
        put("after", "1");

        assertThat(cancelled.cancellationReasons())
                .extracting(CancellationReason::code)
                .containsExactly("None", "None", "None", "ConditionalCheckFailed");
        assertThat(keysOf(streams.getRecords(b -> b.shardIterator(before.nextShardIterator()))))
                .containsExactly("after");
        assertThat(get("kept")).containsEntry("v", AttributeValue.fromS("1"));
        assertThat(get("deleted")).isNotEmpty();
        assertThat(get("phantom")).isEmpty();
        assertThat(get("absent")).isEmpty();
    }

    @Test
    void a_committed_transaction_is_in_the_stream() {
        String iterator = latestIterator();

        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .put(p -> p.tableName(TABLE).item(item("committed-1", "1")))
                        .build(),
                TransactWriteItem.builder()
                        .put(p -> p.tableName(TABLE)
                                .item(item("committed-2", "1"))
                                .conditionExpression("attribute_not_exists(id)"))
                        .build()));

        assertThat(keysOf(streams.getRecords(b -> b.shardIterator(iterator))))
                .containsExactly("committed-1", "committed-2");
        assertThat(get("committed-2")).isNotEmpty();
    }

    private static String latestIterator() {
        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        return streams.getShardIterator(
                        b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();
    }

    private static void put(String id, String value) {
        dynamoDb.putItem(b -> b.tableName(TABLE).item(item(id, value)));
    }

    private static Map<String, AttributeValue> get(String id) {
        return dynamoDb.getItem(b -> b.tableName(TABLE).key(key(id)).consistentRead(true))
                .item();
    }

    private static Map<String, AttributeValue> item(String id, String value) {
        return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static List<String> keysOf(GetRecordsResponse response) {
        List<String> keys = new ArrayList<>();
        response.records().forEach(r -> keys.add(r.dynamodb().keys().get("id").s()));
        return keys;
    }
}
