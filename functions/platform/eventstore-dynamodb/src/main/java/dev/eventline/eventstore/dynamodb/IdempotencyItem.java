package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.IdempotencyRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An idempotency key's remembered response. {@code expiresAt} is epoch seconds because that is what
 * DynamoDB TTL reads; TTL deletion is lazy (up to days), so reads also check it.
 *
 * <p>Mapped by hand on the low-level client, like the event items: the enhanced client would add
 * about 0.7 MB to every Lambda jar for four attributes.
 */
public record IdempotencyItem(String idempotencyKey, String requestFingerprint, String response, long expiresAt) {

    public static final String KEY = "idempotencyKey";
    public static final String EXPIRES_AT = "expiresAt";
    static final String REQUEST_FINGERPRINT = "requestFingerprint";
    static final String RESPONSE = "response";

    public static IdempotencyItem from(IdempotencyRecord r) {
        return new IdempotencyItem(
                r.key(), r.requestFingerprint(), r.response(), r.expiresAt().getEpochSecond());
    }

    public IdempotencyRecord toRecord() {
        return new IdempotencyRecord(idempotencyKey, requestFingerprint, response, Instant.ofEpochSecond(expiresAt));
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>(4);
        item.put(KEY, AttributeValue.fromS(idempotencyKey));
        putString(item, REQUEST_FINGERPRINT, requestFingerprint);
        putString(item, RESPONSE, response);
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    /** @throws IllegalArgumentException when the item lacks the key */
    public static IdempotencyItem fromItem(Map<String, AttributeValue> item) {
        AttributeValue key = item.get(KEY);
        if (key == null || key.s() == null) {
            throw new IllegalArgumentException("not an idempotency item: " + item.keySet());
        }
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        return new IdempotencyItem(
                key.s(),
                string(item, REQUEST_FINGERPRINT),
                string(item, RESPONSE),
                expiresAt == null || expiresAt.n() == null ? 0 : Long.parseLong(expiresAt.n()));
    }

    static void putString(Map<String, AttributeValue> item, String name, String value) {
        // an absent attribute, not a NULL one: what the enhanced client wrote for a null field
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
