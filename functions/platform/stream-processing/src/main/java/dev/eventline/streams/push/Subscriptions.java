package dev.eventline.streams.push;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The WebSocket connections table: one item per connection and subscription key.
 *
 * <p>Partition {@code connectionId}, sort {@code subscription} ({@code Order-<id>},
 * {@code Account-<id>}, {@code customer#<id>}, {@code owner#<id>}); the GSI {@value #BY_SUBSCRIPTION} (partition
 * {@code subscription}, sort {@code connectionId}, {@code expiresAt} projected) finds the connections
 * of a key. {@code expiresAt} (epoch seconds) is the table's TTL attribute: API Gateway closes a
 * connection after 2 hours, so an item whose {@code $disconnect} was lost is forgotten then, and
 * readers skip expired items because TTL deletion lags.
 */
public final class Subscriptions {
    public static final String CONNECTION_ID = "connectionId";
    public static final String SUBSCRIPTION = "subscription";
    public static final String PRINCIPAL = "principal";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String BY_SUBSCRIPTION = "bySubscription";
    /** API Gateway's maximum connection duration. */
    public static final Duration CONNECTION_LIFETIME = Duration.ofHours(2);
    /** A connection holds at most this many subscriptions (the subscribe route refuses more). */
    public static final int MAX_PER_CONNECTION = 50;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public Subscriptions(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    public static String customerKey(String customerId) {
        return "customer#" + customerId;
    }

    /** "My accounts": every account stream of that owner. */
    public static String ownerKey(String ownerId) {
        return "owner#" + ownerId;
    }

    /** Idempotent: subscribing twice renews the item. */
    public void subscribe(String connectionId, String key, String principal) {
        long expiresAt = clock.instant().plus(CONNECTION_LIFETIME).getEpochSecond();
        dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of(
                        CONNECTION_ID, AttributeValue.fromS(connectionId),
                        SUBSCRIPTION, AttributeValue.fromS(key),
                        PRINCIPAL, AttributeValue.fromS(principal),
                        EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)))));
    }

    public void unsubscribe(String connectionId, String key) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(connectionId, key)));
    }

    /** The subscription keys of one connection (at most {@link #MAX_PER_CONNECTION} are ever stored). */
    public List<String> keysOf(String connectionId) {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#c = :c")
                    .projectionExpression("#s")
                    .expressionAttributeNames(Map.of("#c", CONNECTION_ID, "#s", SUBSCRIPTION))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(connectionId)));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(query.build());
            page.items().forEach(item -> keys.add(item.get(SUBSCRIPTION).s()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    /** Every item of the connection: on {@code $disconnect} and when the connection is gone (410). */
    public void forget(String connectionId) {
        for (String key : keysOf(connectionId)) {
            unsubscribe(connectionId, key);
        }
    }

    /** The live connections subscribed to {@code key}, through the GSI (eventually consistent). */
    public List<String> connectionsOf(String key) {
        long now = clock.instant().getEpochSecond();
        List<String> connections = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(BY_SUBSCRIPTION)
                    .keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", SUBSCRIPTION))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(key)));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue expiresAt = item.get(EXPIRES_AT);
                if (expiresAt == null || Long.parseLong(expiresAt.n()) > now) {
                    connections.add(item.get(CONNECTION_ID).s());
                }
            }
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return connections;
    }

    private static Map<String, AttributeValue> key(String connectionId, String key) {
        return Map.of(CONNECTION_ID, AttributeValue.fromS(connectionId), SUBSCRIPTION, AttributeValue.fromS(key));
    }
}
