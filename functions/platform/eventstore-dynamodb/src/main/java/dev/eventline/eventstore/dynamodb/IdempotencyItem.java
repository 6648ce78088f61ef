package dev.eventline.eventstore.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import dev.eventline.eventstore.IdempotencyRecord;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * An idempotency key's remembered response. {@code expiresAt} is epoch seconds because that is what
 * DynamoDB TTL reads; TTL deletion is lazy (up to days), so reads also check it.
 */
public record IdempotencyItem(String idempotencyKey, String requestFingerprint, String response, long expiresAt) {

    public static final String KEY = "idempotencyKey";
    public static final String EXPIRES_AT = "expiresAt";

    public static final TableSchema<IdempotencyItem> SCHEMA = StaticImmutableTableSchema.builder(
                    IdempotencyItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(KEY)
                            .getter(IdempotencyItem::idempotencyKey)
                            .setter(Builder::idempotencyKey)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("requestFingerprint")
                            .getter(IdempotencyItem::requestFingerprint)
                            .setter(Builder::requestFingerprint))
            .addAttribute(
                    String.class,
                    a -> a.name("response").getter(IdempotencyItem::response).setter(Builder::response))
            .addAttribute(
                    Long.class,
                    a -> a.name(EXPIRES_AT).getter(IdempotencyItem::expiresAt).setter(Builder::expiresAt))
            .build();

    public static IdempotencyItem from(IdempotencyRecord r) {
        return new IdempotencyItem(
                r.key(), r.requestFingerprint(), r.response(), r.expiresAt().getEpochSecond());
    }

    public IdempotencyRecord toRecord() {
        return new IdempotencyRecord(idempotencyKey, requestFingerprint, response, Instant.ofEpochSecond(expiresAt));
    }

    public static final class Builder {
        private String idempotencyKey;
        private String requestFingerprint;
        private String response;
        private long expiresAt;

        public Builder idempotencyKey(String v) {
            this.idempotencyKey = v;
            return this;
        }

        public Builder requestFingerprint(String v) {
            this.requestFingerprint = v;
            return this;
        }

        public Builder response(String v) {
            this.response = v;
            return this;
        }

        public Builder expiresAt(Long v) {
            this.expiresAt = v == null ? 0 : v;
            return this;
        }

        public IdempotencyItem build() {
            return new IdempotencyItem(idempotencyKey, requestFingerprint, response, expiresAt);
        }
    }
}
