package dev.eventline.accounts.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.MoneyDeposited;
import dev.eventline.accounts.MoneyWithdrawn;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.accounts.application.BalanceDayItem;
import dev.eventline.accounts.application.OwnerAccountItem;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.local.emulator.Topology.TableSpec;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamRecords;
import dev.eventline.streams.StreamTail;
import dev.eventline.streams.push.Subscriptions;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accounts projector over the emulator: records as Lambda delivers them (read from the events
 * table's stream), the read models checked in their tables. Duplicates, gaps and rebuilds are the
 * runtime's, shown here from the accounts side.
 */
@WithEmulator
class AccountProjectionHandlerTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final Emulator emulator;
    private final Map<String, String> env;
    private final DynamoDbEventStore store;
    private final StreamTail tail;
    private final AccountProjectionHandler handler;
    private final EventCodec<AccountEvent> codec = new AccountEventCodec();
    private final String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);

    AccountProjectionHandlerTest(Emulator emulator) {
        this.emulator = emulator;
        Map<String, String> variables = new HashMap<>(emulator.environmentOf(AccountProjectionHandler.class));
        variables.put("MAX_RECORD_ATTEMPTS", "3");
        this.env = Map.copyOf(variables);
        LambdaEnvironment lambdaEnv = new LambdaEnvironment(env);
        String events = env.get(AccountsEnvironment.EVENTS_TABLE);
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), events, "unused", clock);
        this.tail = new StreamTail(emulator.streams(), emulator.resources().streamArn(events));
        tail.skipToEnd();
        this.handler = new AccountProjectionHandler(lambdaEnv, new AwsClients(lambdaEnv), clock);
    }

    private String newAccount() {
        return "acc-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Appends as the command side does, one event per command; the events' times from the test's clock. */
    private void append(String accountId, AccountEvent... events) {
        String streamId = AccountStreams.streamId(accountId);
        long version = store.readAfter(streamId, 0).size();
        for (AccountEvent event : events) {
            EventCodec.EncodedEvent encoded = codec.encode(event);
            String commandId = UUID.randomUUID().toString();
            store.append(
                    streamId,
                    version++,
                    List.of(new NewEvent(
                            UUID.randomUUID().toString(),
                            encoded.type(),
                            encoded.schemaVersion(),
                            encoded.data(),
                            new EventMetadata(
                                    commandId, "corr", commandId, "Root=1-abc-def", "tester", clock.instant()))));
        }
    }

    private List<ChangeRecord> newRecords(String accountId) {
        return SdkRecords.toStreamEvent(tail.poll(), tail.streamArn()).records().stream()
                .filter(r -> StreamRecords.streamIdOf(r)
                        .map(s -> s.equals(AccountStreams.streamId(accountId)))
                        .orElse(false))
                .toList();
    }

    private BatchResponse project(List<ChangeRecord> records) {
        StreamEvent event = new StreamEvent(records);
        return handler.handleRequest(event, null);
    }

    private List<OwnerAccountItem> ownerAccounts() {
        return emulator
                .dynamoDb()
                .query(q -> q.tableName(env.get(AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE))
                        .keyConditionExpression("ownerId = :o")
                        .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner)))
                        .consistentRead(true))
                .items()
                .stream()
                .map(OwnerAccountItem::fromItem)
                .toList();
    }

    private List<BalanceDayItem> history(String accountId) {
        return emulator
                .dynamoDb()
                .query(q -> q.tableName(env.get(AccountsEnvironment.BALANCE_HISTORY_TABLE))
                        .keyConditionExpression("accountId = :a")
                        .expressionAttributeValues(Map.of(":a", AttributeValue.fromS(accountId)))
                        .consistentRead(true))
                .items()
                .stream()
                .map(BalanceDayItem::fromItem)
                .toList();
    }

    private static String day(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    private Instant now() {
        return clock.instant();
    }

    @Test
    void an_owners_list_and_the_balance_at_the_end_of_each_day_follow_the_events() {
        String accountId = newAccount();
        Instant day1 = now();
        append(
                accountId,
                new AccountOpened(accountId, owner, "EUR", 0, day1),
                new MoneyDeposited(accountId, 1_000, "r1", 1_000, day1),
                new MoneyWithdrawn(accountId, 300, "r2", 700, day1));
        clock.advance(Duration.ofDays(1));
        Instant day2 = now();
        append(accountId, new MoneyDeposited(accountId, 50, "r3", 750, day2));

        BatchResponse response = project(newRecords(accountId));

        assertThat(response.batchItemFailures()).isEmpty();
        assertThat(ownerAccounts()).singleElement().satisfies(item -> {
            assertThat(item.accountId()).isEqualTo(accountId);
            assertThat(item.balance()).isEqualTo(750);
            assertThat(item.version()).isEqualTo(4);
        });
        assertThat(history(accountId))
                .extracting(BalanceDayItem::day, BalanceDayItem::closingBalance, BalanceDayItem::version)
                .containsExactly(tuple(day(day1), 700L, 3L), tuple(day(day2), 750L, 4L));
    }

    @Test
    void after_the_read_models_committed_the_account_s_and_the_owner_s_subscribers_are_told_once() throws IOException {
        String connectionsTable = emulator.topology().tables().stream()
                .map(TableSpec::name)
                .filter(name -> name.endsWith("-ordering-push-connections"))
                .findFirst()
                .orElseThrow();
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer connections = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        connections.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(exchange.getRequestURI().getPath() + " " + new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        connections.start();
        try {
            Map<String, String> pushing = new HashMap<>(env);
            pushing.put("PUSH_CONNECTIONS_TABLE", connectionsTable);
            pushing.put(
                    "PUSH_ENDPOINT",
                    "http://127.0.0.1:" + connections.getAddress().getPort());
            LambdaEnvironment lambdaEnv = new LambdaEnvironment(pushing);
            var pushingHandler = new AccountProjectionHandler(lambdaEnv, new AwsClients(lambdaEnv), clock);
            String accountId = newAccount();
            String streamId = AccountStreams.streamId(accountId);
            var subscriptions = new Subscriptions(emulator.dynamoDb(), connectionsTable, clock);
            subscriptions.subscribe("conn-account", streamId, owner);
            subscriptions.subscribe("conn-mine", Subscriptions.ownerKey(owner), owner);
            subscriptions.subscribe("conn-mine", streamId, owner);
            subscriptions.subscribe("conn-other", Subscriptions.ownerKey("someone-else"), "someone-else");
            append(
                    accountId,
                    new AccountOpened(accountId, owner, "EUR", 0, now()),
                    new MoneyDeposited(accountId, 1_000, "r1", 1_000, now()));

            StreamEvent event = new StreamEvent(newRecords(accountId));
            assertThat(pushingHandler.handleRequest(event, null).batchItemFailures())
                    .isEmpty();

            assertThat(ownerAccounts())
                    .singleElement()
                    .satisfies(item -> assertThat(item.version()).isEqualTo(2));
            String message = "{\"streamId\":\"" + streamId
                    + "\",\"version\":2,\"type\":\"MoneyDeposited\",\"readModel\":\"accounts-by-owner\"}";
            assertThat(posts)
                    .containsExactlyInAnyOrder(
                            "/@connections/conn-account " + message, "/@connections/conn-mine " + message);
        } finally {
            connections.stop(0);
        }
    }

    @Test
    void a_redelivered_batch_changes_nothing_and_a_later_batch_continues_from_the_checkpoint() {
        String accountId = newAccount();
        append(
                accountId,
                new AccountOpened(accountId, owner, "EUR", 0, now()),
                new MoneyDeposited(accountId, 100, "r1", 100, now()));
        List<ChangeRecord> first = newRecords(accountId);
        project(first);
        project(first);
        append(accountId, new MoneyDeposited(accountId, 20, "r2", 120, now()));

        assertThat(project(newRecords(accountId)).batchItemFailures()).isEmpty();
        assertThat(ownerAccounts()).singleElement().satisfies(item -> {
            assertThat(item.balance()).isEqualTo(120);
            assertThat(item.version()).isEqualTo(3);
        });
        assertThat(history(accountId))
                .singleElement()
                .satisfies(day -> assertThat(day.closingBalance()).isEqualTo(120));
    }

    @Test
    void a_batch_missing_earlier_events_is_repaired_from_the_events_table() {
        String accountId = newAccount();
        append(
                accountId,
                new AccountOpened(accountId, owner, "EUR", 0, now()),
                new MoneyDeposited(accountId, 100, "r1", 100, now()),
                new MoneyDeposited(accountId, 5, "r2", 105, now()));
        List<ChangeRecord> records = newRecords(accountId);

        project(records.subList(2, 3)); // only version 3 arrives

        assertThat(ownerAccounts()).singleElement().satisfies(item -> {
            assertThat(item.balance()).isEqualTo(105);
            assertThat(item.version()).isEqualTo(3);
        });
    }

    @Test
    void a_rebuild_from_emptied_tables_gives_the_same_read_models() {
        String accountId = newAccount();
        append(
                accountId,
                new AccountOpened(accountId, owner, "EUR", 0, now()),
                new MoneyDeposited(accountId, 100, "r1", 100, now()));
        List<ChangeRecord> records = newRecords(accountId);
        project(records);
        List<OwnerAccountItem> before = ownerAccounts();
        List<BalanceDayItem> historyBefore = history(accountId);
        var dynamoDb = emulator.dynamoDb();
        dynamoDb.deleteItem(d -> d.tableName(env.get(AccountsEnvironment.PROJECTIONS_TABLE))
                .key(Map.of("accountId", AttributeValue.fromS(accountId))));
        dynamoDb.deleteItem(d -> d.tableName(env.get(AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE))
                .key(Map.of("ownerId", AttributeValue.fromS(owner), "accountId", AttributeValue.fromS(accountId))));
        for (BalanceDayItem day : historyBefore) {
            dynamoDb.deleteItem(d -> d.tableName(env.get(AccountsEnvironment.BALANCE_HISTORY_TABLE))
                    .key(Map.of("accountId", AttributeValue.fromS(accountId), "day", AttributeValue.fromS(day.day()))));
        }
        assertThat(ownerAccounts()).isEmpty();

        project(records);

        assertThat(ownerAccounts()).isEqualTo(before);
        assertThat(history(accountId)).isEqualTo(historyBefore);
    }
}
