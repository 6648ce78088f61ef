package dev.eventline.shipping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The notifications sent, one item per {@code OrderShipped} event id. The conditional put is the
 * idempotency check: SQS and EventBridge deliver at least once, and a redelivered event must not
 * notify the customer twice. Items expire through TTL ({@code expiresAt}), long after any redelivery.
 */
final class NotificationLog {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    NotificationLog(DynamoDbClient dynamoDb, String table, Clock clock, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    /** @return false when this event was already recorded (a duplicate delivery) */
    boolean record(ShippedOrder shipped) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", s(shipped.eventId()));
        item.put("orderId", s(shipped.orderId()));
        item.put("carrier", s(shipped.carrier()));
        item.put("trackingNumber", s(shipped.trackingNumber()));
        if (shipped.correlationId() != null) {
            item.put("correlationId", s(shipped.correlationId()));
        }
        item.put("shippedAt", s(shipped.shippedAt().toString()));
        item.put("notifiedAt", s(now.toString()));
        item.put(
                "expiresAt",
                AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(eventId)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
