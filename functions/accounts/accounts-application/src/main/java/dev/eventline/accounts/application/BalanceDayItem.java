package dev.eventline.accounts.application;

import dev.eventline.accounts.AccountState;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One day of an account's balance history (table {@code BALANCE_HISTORY_TABLE}): partition
 * {@code accountId}, sort key {@code day} (UTC date, ISO 8601, so days sort as text). It holds the
 * account as it was after the last event of that day: a function of the folded state alone, so a
 * replay or a redelivery writes the same item, and {@code version} (the last event of the day) keeps
 * a late write from going back. A day without events has no item: the previous day's balance holds.
 */
public record BalanceDayItem(
        String accountId,
        String day,
        long closingBalance,
        long available,
        long transactionCount,
        String status,
        long version) {
    public static final String ACCOUNT_ID = "accountId";
    public static final String DAY = "day";

    /** The day of the state's last event; empty before the account has any. */
    public static Optional<BalanceDayItem> of(AccountState state, long version) {
        if (state.updatedAt() == null) {
            return Optional.empty();
        }
        return Optional.of(new BalanceDayItem(
                state.accountId(),
                state.updatedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                state.balance(),
                state.available(),
                state.transactionCount(),
                state.status().name(),
                version));
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ACCOUNT_ID, AttributeValue.fromS(accountId));
        item.put(DAY, AttributeValue.fromS(day));
        item.put("closingBalance", AttributeValue.fromN(Long.toString(closingBalance)));
        item.put("available", AttributeValue.fromN(Long.toString(available)));
        item.put("transactionCount", AttributeValue.fromN(Long.toString(transactionCount)));
        item.put("status", AttributeValue.fromS(status));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    public static BalanceDayItem fromItem(Map<String, AttributeValue> item) {
        return new BalanceDayItem(
                item.get(ACCOUNT_ID).s(),
                item.get(DAY).s(),
                Long.parseLong(item.get("closingBalance").n()),
                Long.parseLong(item.get("available").n()),
                Long.parseLong(item.get("transactionCount").n()),
                item.get("status").s(),
                Long.parseLong(item.get("version").n()));
    }
}
