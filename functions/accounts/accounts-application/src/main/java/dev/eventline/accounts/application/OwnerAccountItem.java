package dev.eventline.accounts.application;

import dev.eventline.accounts.AccountState;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The accounts-by-owner item (table {@code ACCOUNTS_BY_OWNER_TABLE}): partition {@code ownerId}, sort
 * key {@code accountId}, so one Query lists an owner's accounts. Written by the accounts projector,
 * read by the accounts API; {@code version} is the account stream's version the item reflects.
 * {@code holder} is the holder's name as its sealed token (or null), opened by the API per request.
 */
public record OwnerAccountItem(
        String ownerId,
        String accountId,
        String status,
        String currency,
        long balance,
        long version,
        String updatedAt,
        String holder) {
    public static final String OWNER_ID = "ownerId";
    public static final String ACCOUNT_ID = "accountId";

    /** Empty until the account is opened (no owner yet). */
    public static Optional<OwnerAccountItem> of(AccountState state, long version) {
        if (state.ownerId() == null) {
            return Optional.empty();
        }
        return Optional.of(new OwnerAccountItem(
                state.ownerId(),
                state.accountId(),
                state.status().name(),
                state.currency(),
                state.balance(),
                version,
                state.updatedAt() == null ? null : state.updatedAt().toString(),
                state.holder()));
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(OWNER_ID, AttributeValue.fromS(ownerId));
        item.put(ACCOUNT_ID, AttributeValue.fromS(accountId));
        item.put("status", AttributeValue.fromS(status));
        item.put("currency", AttributeValue.fromS(currency));
        item.put("balance", AttributeValue.fromN(Long.toString(balance)));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        if (updatedAt != null) {
            item.put("updatedAt", AttributeValue.fromS(updatedAt));
        }
        if (holder != null) {
            item.put("holder", AttributeValue.fromS(holder));
        }
        return item;
    }

    public static OwnerAccountItem fromItem(Map<String, AttributeValue> item) {
        return new OwnerAccountItem(
                item.get(OWNER_ID).s(),
                item.get(ACCOUNT_ID).s(),
                item.get("status").s(),
                item.get("currency").s(),
                Long.parseLong(item.get("balance").n()),
                Long.parseLong(item.get("version").n()),
                item.containsKey("updatedAt") ? item.get("updatedAt").s() : null,
                item.containsKey("holder") ? item.get("holder").s() : null);
    }
}
