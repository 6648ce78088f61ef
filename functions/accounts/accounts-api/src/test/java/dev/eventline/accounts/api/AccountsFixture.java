package dev.eventline.accounts.api;

import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.http.ApiGateway;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The accounts API over the emulator, plus direct access to its three tables, so that tests can
 * check what was really appended and tamper with snapshots the way production can go wrong. Every
 * handler and store it builds reads {@link #CLOCK}, which stands still at the time the run started.
 */
final class AccountsFixture {
    static final MutableClock CLOCK = MutableClock.startingNow();

    private final Emulator emulator;
    private final Map<String, String> environment;
    private final AccountsApiHandler handler;
    private final DynamoDbEventStore events;
    private final DynamoDbEventTableSnapshots snapshots;

    private AccountsFixture(Emulator emulator, Map<String, String> environment) {
        this.emulator = emulator;
        this.environment = environment;
        this.handler = newHandler();
        this.events = new DynamoDbEventStore(
                emulator.dynamoDb(),
                table(AccountsEnvironment.EVENTS_TABLE),
                table(AccountsEnvironment.IDEMPOTENCY_TABLE),
                CLOCK);
        this.snapshots = new DynamoDbEventTableSnapshots(emulator.dynamoDb(), table(AccountsEnvironment.EVENTS_TABLE));
    }

    /** The handler with the template's environment, plus {@code overrides} (e.g. the snapshot strategy). */
    static AccountsFixture start(Emulator emulator, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(emulator.environmentOf(AccountsApiHandler.class));
        environment.putAll(overrides);
        return new AccountsFixture(emulator, Map.copyOf(environment));
    }

    static AccountsFixture start(Emulator emulator) {
        return start(emulator, Map.of());
    }

    /** A handler of its own (an empty state cache: a cold container), optionally metered. */
    AccountsApiHandler newHandler(ExecutionInterceptor... interceptors) {
        LambdaEnvironment env = new LambdaEnvironment(environment);
        return new AccountsApiHandler(env, new AwsClients(env, interceptors), CLOCK);
    }

    String table(String variable) {
        return environment.get(variable);
    }

    Response send(HttpApiEvent event) {
        return send(handler, event);
    }

    /** Through API Gateway: tests change methods and paths of the samples, the route key follows. */
    static Response send(AccountsApiHandler to, HttpApiEvent event) {
        return Response.of(to.handleRequest(ApiGateway.deploying(to.routes()).route(event), null));
    }

    static String newAccountId() {
        return "acc-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Opens an account (EUR, no overdraft) and returns its id. */
    String open() {
        String accountId = newAccountId();
        Response opened = send(ApiSamples.event("open-account-with-id", accountId));
        if (opened.status() != 201) {
            throw new AssertionError("could not open an account: " + opened.rawBody());
        }
        return accountId;
    }

    Response deposit(String accountId, long amount) {
        return send(ApiSamples.withBody(ApiSamples.event("deposit", accountId), "{\"amount\":" + amount + "}"));
    }

    List<RecordedEvent> events(String accountId) {
        return events.readAfter(AccountStreams.streamId(accountId), 0);
    }

    List<String> eventTypes(String accountId) {
        return events(accountId).stream().map(RecordedEvent::type).toList();
    }

    /** Events of every stream, for refusals of creates: nothing may be appended anywhere. */
    long eventCount() {
        ScanRequest.Builder scan = ScanRequest.builder()
                .tableName(table(AccountsEnvironment.EVENTS_TABLE))
                .select(Select.COUNT)
                .filterExpression("attribute_not_exists(#state)") // snapshot items share the table
                .expressionAttributeNames(Map.of("#state", "u"))
                .consistentRead(true);
        var page = emulator.dynamoDb().scan(scan.build());
        long count = page.count();
        while (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
            page = emulator.dynamoDb()
                    .scan(scan.exclusiveStartKey(page.lastEvaluatedKey()).build());
            count += page.count();
        }
        return count;
    }

    Optional<Snapshot> snapshot(String accountId) {
        return snapshots.load(AccountStreams.streamId(accountId));
    }

    /**
     * Writes a snapshot item as is, bypassing every check: how a bug or an old deployment leaves one.
     * Snapshots share the stream's partition, the one at {@code version} at sort key {@code version + 0.5}.
     */
    void putSnapshotItem(String accountId, long version, int stateSchemaVersion, String state) {
        emulator.dynamoDb()
                .putItem(b -> b.tableName(table(AccountsEnvironment.EVENTS_TABLE))
                        .item(Map.of(
                                "streamId", AttributeValue.fromS(AccountStreams.streamId(accountId)),
                                "version", AttributeValue.fromN(version + ".5"),
                                "n", AttributeValue.fromN(Integer.toString(stateSchemaVersion)),
                                "u", AttributeValue.fromS(state),
                                "w", AttributeValue.fromN("1767225600000"))));
    }

    /** Removes the account's inline balance view item: how an account opened before the view existed looks. */
    void deleteBalanceView(String accountId) {
        emulator.dynamoDb()
                .deleteItem(b -> b.tableName(table(AccountsEnvironment.BALANCES_TABLE))
                        .key(Map.of("accountId", AttributeValue.fromS(accountId))));
    }

    Optional<Map<String, AttributeValue>> balanceViewItem(String accountId) {
        var item = emulator.dynamoDb()
                .getItem(b -> b.tableName(table(AccountsEnvironment.BALANCES_TABLE))
                        .key(Map.of("accountId", AttributeValue.fromS(accountId)))
                        .consistentRead(true));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(item.item()) : Optional.empty();
    }

    /** Removes every snapshot of the account, newest first. */
    void deleteSnapshot(String accountId) {
        for (Optional<Snapshot> newest = snapshot(accountId); newest.isPresent(); newest = snapshot(accountId)) {
            long version = newest.get().version();
            emulator.dynamoDb()
                    .deleteItem(b -> b.tableName(table(AccountsEnvironment.EVENTS_TABLE))
                            .key(Map.of(
                                    "streamId", AttributeValue.fromS(AccountStreams.streamId(accountId)),
                                    "version", AttributeValue.fromN(version + ".5"))));
        }
    }

    /** The statement over this fixture's events table, reading at most {@code maxEventsPerPage} events a page. */
    AccountStatement statement(int maxEventsPerPage) {
        return new AccountStatement(events, new AccountEventCodec(), maxEventsPerPage);
    }

    Optional<Map<String, AttributeValue>> idempotencyItem(String key) {
        var item = emulator.dynamoDb()
                .getItem(b -> b.tableName(table(AccountsEnvironment.IDEMPOTENCY_TABLE))
                        .key(Map.of("idempotencyKey", AttributeValue.fromS(key)))
                        .consistentRead(true));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(item.item()) : Optional.empty();
    }
}
