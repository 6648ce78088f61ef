package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The shard reader against moto as released, which puts a copy of the table in place when a
 * transaction is cancelled: iterators handed out before keep reading the old shard object. The
 * reader must notice and read on, losing nothing written afterwards and repeating nothing.
 */
class ShardReaderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static MotoServer unpatched;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;
    private final String table = "reader-" + UUID.randomUUID();
    private final List<String> read = new ArrayList<>();

    @BeforeAll
    static void start() {
        unpatched = MotoServer.startUnpatched();
        AwsEndpoint endpoint = new AwsEndpoint(unpatched.endpoint());
        dynamoDb = endpoint.dynamoDb();
        streams = endpoint.dynamoDbStreams();
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        streams.close();
        unpatched.close();
    }

    @Test
    void a_healthy_shard_is_read_in_order_through_idle_checks_without_replacing_the_iterator() {
        ShardReader reader = reader("TRIM_HORIZON");
        put("a");
        awaitRead(reader, "a");
        idle(reader);
        put("b");

        awaitRead(reader, "a", "b");
        idle(reader);
        assertThat(read).containsExactly("a", "b");
        assertThat(reader.iteratorsReplaced()).isZero();
    }

    @Test
    void an_iterator_left_on_a_replaced_shard_is_replaced_and_what_is_written_after_is_read_once() {
        ShardReader reader = reader("LATEST");
        put("a");
        awaitRead(reader, "a");

        // every operation fails, so moto writes nothing, but it still swaps the table for its copy
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p ->
                                        p.tableName(table).item(item("b")).conditionExpression("attribute_exists(id)"))
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName(table)
                                        .key(item("a"))
                                        .conditionExpression("attribute_not_exists(id)"))
                                .build())))
                .isInstanceOf(TransactionCanceledException.class);
        put("c");
        put("d");

        awaitRead(reader, "a", "c", "d");
        idle(reader);
        assertThat(read).containsExactly("a", "c", "d");
        assertThat(reader.iteratorsReplaced()).isEqualTo(1);
    }

    @Test
    void a_record_replaced_under_the_last_one_read_is_delivered_not_skipped() {
        ShardReader reader = reader("LATEST");
        put("a");
        awaitRead(reader, "a");

        // moto applies the Put to the table it then discards: the old shard holds its record, the
        // copy does not, and the copy gives the next record the same sequence number
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName(table).item(item("phantom")))
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName(table)
                                        .key(item("a"))
                                        .conditionExpression("attribute_not_exists(id)"))
                                .build())))
                .isInstanceOf(TransactionCanceledException.class);
        awaitRead(reader, "a", "phantom");
        put("c");

        awaitRead(reader, "a", "phantom", "c");
        idle(reader);
        assertThat(read).containsExactly("a", "phantom", "c");
        assertThat(reader.iteratorsReplaced()).isEqualTo(1);
    }

    private ShardReader reader(String startingPosition) {
        String streamArn = dynamoDb.createTable(b -> b.tableName(table)
                        .billingMode("PAY_PER_REQUEST")
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("id")
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription()
                .latestStreamArn();
        String shardId = streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        ShardReader reader = new ShardReader(streams, streamArn, shardId, startingPosition);
        readOnce(reader); // positioned: from here on, every record written is read
        return reader;
    }

    private void awaitRead(ShardReader reader, String... keys) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> {
            readOnce(reader);
            return read.size() >= keys.length;
        });
        assertThat(read).containsExactly(keys);
    }

    /** Enough empty reads for the reader to check its iterator against a fresh one, twice. */
    private void idle(ShardReader reader) {
        for (int i = 0; i < 2 * ShardReader.EMPTY_READS_BEFORE_CHECK; i++) {
            readOnce(reader);
        }
    }

    private void readOnce(ShardReader reader) {
        reader.read().forEach(r -> read.add(r.dynamodb().keys().get("id").s()));
    }

    private void put(String id) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(id)));
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
