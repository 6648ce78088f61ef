package dev.eventline.accounts.projector;

import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountStateCodec;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.accounts.application.BalanceDayItem;
import dev.eventline.accounts.application.OwnerAccountItem;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.streams.Checkpoint;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The accounts projector's three tables. The projection item ({@code ACCOUNT_PROJECTIONS_TABLE}: the
 * folded state and its version) is the checkpoint per account; every item is written with
 * {@code attribute_not_exists(version) OR version < :new}, so a late or repeated write never moves an
 * item back.
 */
final class AccountReadModelStore {
    private static final String NEWER_THAN_STORED = "attribute_not_exists(#version) OR #version < :version";
    private static final AccountStateCodec STATE = new AccountStateCodec();

    private final DynamoDbClient dynamoDb;
    private final String projections;
    private final String byOwner;
    private final String history;

    AccountReadModelStore(DynamoDbClient dynamoDb, String projections, String byOwner, String history) {
        this.dynamoDb = dynamoDb;
        this.projections = projections;
        this.byOwner = byOwner;
        this.history = history;
    }

    static AccountReadModelStore fromEnvironment(LambdaEnvironment env, DynamoDbClient dynamoDb) {
        return new AccountReadModelStore(
                dynamoDb,
                env.require(AccountsEnvironment.PROJECTIONS_TABLE),
                env.require(AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE),
                env.require(AccountsEnvironment.BALANCE_HISTORY_TABLE));
    }

    /** Strongly consistent: the checkpoint must reflect the previous batch's write. */
    Optional<Checkpoint<AccountState>> load(String accountId) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(projections)
                .key(Map.of("accountId", AttributeValue.fromS(accountId)))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        return Optional.of(new Checkpoint<>(
                Long.parseLong(item.get("version").n()),
                STATE.decode(item.get("state").s())));
    }

    void saveCheckpoint(String accountId, AccountState state, long version, Instant projectedAt) {
        putIfNewer(
                projections,
                Map.of(
                        "accountId", AttributeValue.fromS(accountId),
                        "state", AttributeValue.fromS(STATE.encode(state)),
                        "stateSchemaVersion", AttributeValue.fromN(Integer.toString(STATE.schemaVersion())),
                        "version", AttributeValue.fromN(Long.toString(version)),
                        "projectedAt", AttributeValue.fromS(projectedAt.toString())),
                version);
    }

    void save(OwnerAccountItem item) {
        putIfNewer(byOwner, item.toItem(), item.version());
    }

    void save(BalanceDayItem item) {
        putIfNewer(history, item.toItem(), item.version());
    }

    private void putIfNewer(String table, Map<String, AttributeValue> item, long version) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item)
                    .conditionExpression(NEWER_THAN_STORED)
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(version))))
                    .build());
        } catch (ConditionalCheckFailedException alreadyNewer) {
            // another delivery got there first: the item converged already
        }
    }
}
