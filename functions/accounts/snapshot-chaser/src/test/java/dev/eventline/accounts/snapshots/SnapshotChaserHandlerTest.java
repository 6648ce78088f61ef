package dev.eventline.accounts.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountStateCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamTail;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The chaser fed with the records really found in the events table's stream (moto), as Lambda
 * would feed it, with a threshold of 5.
 */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SnapshotChaserHandlerTest {
    /** The chaser's and the history's: the emulator stamps the stream with the real time, so this starts there. */
    private static final MutableClock CLOCK = MutableClock.startingNow();

    private static final AccountStateCodec STATE = new AccountStateCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Emulator emulator;
    private final Map<String, String> environment;
    private final String eventsTable;
    private final AccountHistory history;
    private final DynamoDbEventTableSnapshots snapshots;
    private StreamTail tail;

    SnapshotChaserHandlerTest(Emulator emulator) {
        this.emulator = emulator;
        Map<String, String> env = new HashMap<>(emulator.environmentOf(SnapshotChaserHandler.class));
        env.put("SNAPSHOT_THRESHOLD", "5");
        env.put("POWERTOOLS_METRICS_DISABLED", "true");
        this.environment = Map.copyOf(env);
        this.eventsTable = environment.get("ACCOUNTS_EVENTS_TABLE");
        this.history = new AccountHistory(new DynamoDbEventStore(emulator.dynamoDb(), eventsTable, "unused", CLOCK));
        this.snapshots = new DynamoDbEventTableSnapshots(emulator.dynamoDb(), eventsTable);
    }

    /** Each test sees only the records its own writes add to the stream, and only its own dead letters. */
    @BeforeEach
    void from_the_end_of_the_stream() throws Exception {
        tail = new StreamTail(emulator.streams(), emulator.resources().streamArn(eventsTable));
        tail.skipToEnd();
        deadLetters();
    }

    @Test
    void a_stream_that_reached_the_threshold_gets_a_snapshot_of_its_state() {
        String accountId = history.opened(AccountHistory.newAccountId(), 6);

        BatchResponse response = handler().handleRequest(newRecords(), null);

        assertThat(response.batchItemFailures()).isEmpty();
        Snapshot snapshot = snapshot(accountId).orElseThrow();
        assertThat(snapshot.version()).isEqualTo(6);
        assertThat(snapshot.stateSchemaVersion()).isEqualTo(AccountStateCodec.SCHEMA_VERSION);
        AccountState state = STATE.decode(snapshot.state());
        assertThat(state.balance()).isEqualTo(500);
        assertThat(state.transactionCount()).isEqualTo(5);
    }

    @Test
    void a_stream_below_the_threshold_is_left_alone_without_a_single_request() {
        String accountId = history.opened(AccountHistory.newAccountId(), 4);
        CapacityMeter meter = new CapacityMeter();

        BatchResponse response = handler(meter).handleRequest(newRecords(), null);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(meter.usage().requests()).isZero();
        assertThat(snapshot(accountId)).isEmpty();
    }

    @Test
    void the_next_snapshot_waits_until_the_threshold_of_events_has_passed_again() {
        SnapshotChaserHandler chaser = handler();
        String accountId = history.opened(AccountHistory.newAccountId(), 6);
        chaser.handleRequest(newRecords(), null);

        history.depositUntil(accountId, 6, 10);
        chaser.handleRequest(newRecords(), null);
        assertThat(snapshot(accountId).map(Snapshot::version)).contains(6L);

        history.depositUntil(accountId, 10, 11);
        chaser.handleRequest(newRecords(), null);
        assertThat(snapshot(accountId).map(Snapshot::version)).contains(11L);
    }

    @Test
    void a_corrupt_or_old_schema_snapshot_counts_as_missing_and_is_replaced() {
        String corrupt = history.opened(AccountHistory.newAccountId(), 6);
        String oldSchema = history.opened(AccountHistory.newAccountId(), 6);
        putSnapshotItem(corrupt, 4, AccountStateCodec.SCHEMA_VERSION, "{\"status\":");
        putSnapshotItem(oldSchema, 4, AccountStateCodec.SCHEMA_VERSION - 1, STATE.encode(AccountState.initial()));

        BatchResponse response = handler().handleRequest(newRecords(), null);

        assertThat(response.batchItemFailures()).isEmpty();
        for (String accountId : List.of(corrupt, oldSchema)) {
            Snapshot replaced = snapshot(accountId).orElseThrow();
            assertThat(replaced.version()).isEqualTo(6);
            assertThat(STATE.decode(replaced.state()).balance()).isEqualTo(500);
        }
    }

    @Test
    void a_failing_stream_is_reported_by_its_first_record_while_the_others_get_their_snapshot() {
        String healthy = history.opened(AccountHistory.newAccountId(), 6);
        String poisoned = history.opened(AccountHistory.newAccountId(), 5);
        putEventItem(poisoned, 6, "MoneyDeposited", "{this is not an event");
        StreamEvent batch = newRecords();

        BatchResponse response = handler().handleRequest(batch, null);

        assertThat(response.batchItemFailures())
                .extracting(BatchResponse.ItemFailure::itemIdentifier)
                .containsExactly(firstSequenceNumberOf(batch, poisoned));
        assertThat(snapshot(healthy).map(Snapshot::version)).contains(6L);
        assertThat(snapshot(poisoned)).isEmpty();
    }

    @Test
    void a_storage_failure_fails_the_batch_from_its_first_record_instead_of_being_swallowed() {
        history.opened(AccountHistory.newAccountId(), 6);
        Map<String, String> broken = new HashMap<>(environment);
        broken.put("ACCOUNTS_EVENTS_TABLE", "no-such-table"); // where events and snapshots are read
        LambdaEnvironment env = new LambdaEnvironment(broken);
        StreamEvent batch = newRecords();

        BatchResponse response = new SnapshotChaserHandler(env, new AwsClients(env), CLOCK).handleRequest(batch, null);

        assertThat(response.batchItemFailures())
                .extracting(BatchResponse.ItemFailure::itemIdentifier)
                .containsExactly(batch.records().getFirst().dynamodb().sequenceNumber());
    }

    @Test
    void an_event_the_fold_refuses_is_retried_then_parked_with_its_record_and_acknowledged() throws Exception {
        String poisoned = history.opened(AccountHistory.newAccountId(), 5);
        putEventItem(poisoned, 6, "MoneyDeposited", "{this is not an event");
        StreamEvent batch = newRecords();
        SnapshotChaserHandler chaser = handler();

        assertThat(chaser.handleRequest(batch, null).batchItemFailures()).hasSize(1);
        assertThat(chaser.handleRequest(batch, null).batchItemFailures()).hasSize(1);
        assertThat(chaser.handleRequest(batch, null).batchItemFailures())
                .as("parked on the third attempt")
                .isEmpty();

        assertThat(deadLetters()).singleElement().satisfies(message -> {
            assertThat(message.get("source").asText()).isEqualTo("accounts-snapshot-chaser");
            assertThat(message.get("reason").asText()).isEqualTo("poison");
            assertThat(message.get("streamId").asText()).isEqualTo(AccountStreams.streamId(poisoned));
            assertThat(message.get("version").asLong()).isEqualTo(6);
            assertThat(message.at("/error/message").asText()).contains("cannot decode event");
            assertThat(message.at("/record/dynamodb/Keys/version/N").asText()).isEqualTo("6");
        });
        assertThat(snapshot(poisoned)).isEmpty();
    }

    @Test
    void records_that_are_not_inserts_are_parked_with_their_record_and_never_chased() throws Exception {
        String accountId = history.opened(AccountHistory.newAccountId(), 6);
        StreamEvent batch = new StreamEvent(newRecords().records().stream()
                .map(r -> new ChangeRecord( // the store never modifies an event
                        r.eventID(),
                        "MODIFY",
                        r.eventVersion(),
                        r.eventSource(),
                        r.awsRegion(),
                        r.eventSourceARN(),
                        r.dynamodb(),
                        r.userIdentity()))
                .toList());

        BatchResponse response = handler().handleRequest(batch, null);

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(snapshot(accountId)).isEmpty();
        assertThat(deadLetters()).hasSize(batch.records().size()).allSatisfy(message -> {
            assertThat(message.get("reason").asText()).isEqualTo("tampered");
            assertThat(message.get("streamId").asText()).isEqualTo(AccountStreams.streamId(accountId));
            assertThat(message.at("/record/eventName").asText()).isEqualTo("MODIFY");
        });
    }

    private SnapshotChaserHandler handler(ExecutionInterceptor... interceptors) {
        LambdaEnvironment env = new LambdaEnvironment(environment);
        return new SnapshotChaserHandler(env, new AwsClients(env, interceptors), CLOCK);
    }

    /** Receives and deletes everything in the chaser's dead-letter queue. */
    private List<JsonNode> deadLetters() throws Exception {
        String queueUrl = emulator.resources().queueUrl(environment.get("DEAD_LETTER_QUEUE"));
        List<JsonNode> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = emulator.sqs()
                    .receiveMessage(
                            b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                bodies.add(JSON.readTree(message.body()));
                emulator.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** Everything added to the stream since the last call, as one Lambda batch. */
    private StreamEvent newRecords() {
        String arn = emulator.resources().streamArn(eventsTable);
        StreamEvent batch = SdkRecords.toStreamEvent(tail.poll(), arn);
        assertThat(batch.records()).as("records in the stream").isNotEmpty();
        return batch;
    }

    private static String firstSequenceNumberOf(StreamEvent batch, String accountId) {
        return batch.records().stream()
                .map(ChangeRecord::dynamodb)
                .filter(record -> AccountStreams.streamId(accountId)
                        .equals(record.keys().get("streamId").s()))
                .findFirst()
                .orElseThrow()
                .sequenceNumber();
    }

    private Optional<Snapshot> snapshot(String accountId) {
        return snapshots.load(AccountStreams.streamId(accountId));
    }

    /** A snapshot item as is, beside the events at {@code version + 0.5}: how a bug or an old deployment leaves one. */
    private void putSnapshotItem(String accountId, long version, int schemaVersion, String state) {
        emulator.dynamoDb()
                .putItem(b -> b.tableName(eventsTable)
                        .item(Map.of(
                                "streamId", AttributeValue.fromS(AccountStreams.streamId(accountId)),
                                "version", AttributeValue.fromN(version + ".5"),
                                "n", AttributeValue.fromN(Integer.toString(schemaVersion)),
                                "u", AttributeValue.fromS(state),
                                "w", AttributeValue.fromN("1767225600000"))));
    }

    /** An event item written around the store, the way only a bug could: its data is no event. */
    private void putEventItem(String accountId, long version, String type, String data) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("streamId", AttributeValue.fromS(AccountStreams.streamId(accountId)));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        item.put("eventId", AttributeValue.fromS("poison-" + accountId));
        item.put("type", AttributeValue.fromS(type));
        item.put("schemaVersion", AttributeValue.fromN("1"));
        item.put("data", AttributeValue.fromS(data));
        item.put("commandId", AttributeValue.fromS("cmd-1"));
        item.put("correlationId", AttributeValue.fromS("corr-1"));
        item.put("causationId", AttributeValue.fromS("cmd-1"));
        item.put("actor", AttributeValue.fromS("test"));
        item.put("occurredAt", AttributeValue.fromS(AccountHistory.T.toString()));
        item.put("recordedAt", AttributeValue.fromS(CLOCK.instant().toString()));
        emulator.dynamoDb().putItem(b -> b.tableName(eventsTable).item(item));
    }
}
