package dev.eventline.ordering.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The generation pointer, kept as one config item in the generation-1 order-summary table (key
 * {@code orderId} = {@value #POINTER_KEY}, which no order id can be: ids are validated as
 * {@code [A-Za-z0-9_-]}): every function that reads or writes the read models already holds
 * {@code GetItem} on that table, so switching needs no new permission, parameter or table.
 *
 * <p>Readers cache it for {@code maxAge} (one GetItem per container per {@code maxAge}); a rebuild
 * waits that long after announcing a new generation before it starts folding, so by then every
 * projector writes the new generation too and nothing appended meanwhile is missed.
 */
public final class GenerationPointers {
    public static final String POINTER_KEY = "$generations";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

    private final DynamoDbClient dynamoDb;
    private final ReadModelTables base;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Cached cached;

    private record Cached(GenerationPointer pointer, Instant readAt) {}

    public GenerationPointers(DynamoDbClient dynamoDb, ReadModelTables base, Clock clock, Duration maxAge) {
        this.dynamoDb = dynamoDb;
        this.base = base;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public GenerationPointers(DynamoDbClient dynamoDb, ReadModelTables base, Clock clock) {
        this(dynamoDb, base, clock, DEFAULT_MAX_AGE);
    }

    public ReadModelTables base() {
        return base;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** The pointer as of at most {@code maxAge} ago. */
    public GenerationPointer current() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c == null || !now.isBefore(c.readAt().plus(maxAge))) {
            c = new Cached(read(), now);
            cached = c;
        }
        return c.pointer();
    }

    /** The live generation's tables. */
    public ReadModelTables live() {
        return base.generation(current().live());
    }

    /** Consistent, uncached: for the rebuild that changes it. */
    public GenerationPointer read() {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(base.orderSummary())
                .key(OrderSummaryItem.key(POINTER_KEY))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return GenerationPointer.INITIAL;
        }
        Map<String, AttributeValue> item = response.item();
        return new GenerationPointer(
                Attributes.number(item, "pointerVersion"),
                Attributes.number(item, "live"),
                Attributes.number(item, "building"),
                Attributes.number(item, "retiring"),
                Attributes.instant(item, "retireAfter"));
    }

    /**
     * Replaces {@code expected} with {@code next} (whose version is one more).
     *
     * @throws ConditionalCheckFailedException when someone else changed the pointer since
     */
    public void replace(GenerationPointer expected, GenerationPointer next) {
        Map<String, AttributeValue> item = new HashMap<>(OrderSummaryItem.key(POINTER_KEY));
        Attributes.putNumber(item, "pointerVersion", next.version());
        Attributes.putNumber(item, "live", next.live());
        Attributes.putNumber(item, "building", next.building());
        Attributes.putNumber(item, "retiring", next.retiring());
        Attributes.putInstant(item, "retireAfter", next.retireAfter());
        dynamoDb.putItem(r -> r.tableName(base.orderSummary())
                .item(item)
                .conditionExpression(
                        expected.version() == 0 ? "attribute_not_exists(pointerVersion)" : "pointerVersion = :expected")
                .expressionAttributeValues(
                        expected.version() == 0
                                ? null
                                : Map.of(":expected", AttributeValue.fromN(Long.toString(expected.version())))));
        cached = new Cached(next, clock.instant());
    }
}
