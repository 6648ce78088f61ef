package dev.eventline.accounts;

import java.time.Instant;

/**
 * What the decider needs to know about an account, folded from its events. It is also what a
 * snapshot stores, so it holds only values (no behaviour beyond derived figures).
 *
 * @param balance          minor units; negative while the account is overdrawn
 * @param overdraftLimit   minor units the balance may go below zero
 * @param transactionCount deposits plus withdrawals, i.e. statement lines
 * @param openedAt         {@code null} until opened
 * @param updatedAt        timestamp of the last applied event, {@code null} until opened
 * @param holder           the holder's name as a sealed token (never plaintext), or null
 */
public record AccountState(
        AccountStatus status,
        String accountId,
        String ownerId,
        String currency,
        long balance,
        long overdraftLimit,
        long transactionCount,
        Instant openedAt,
        Instant updatedAt,
        String holder) {

    private static final AccountState INITIAL =
            new AccountState(AccountStatus.NONE, null, null, null, 0L, 0L, 0L, null, null, null);

    /** A state without a holder name. */
    public AccountState(
            AccountStatus status,
            String accountId,
            String ownerId,
            String currency,
            long balance,
            long overdraftLimit,
            long transactionCount,
            Instant openedAt,
            Instant updatedAt) {
        this(
                status,
                accountId,
                ownerId,
                currency,
                balance,
                overdraftLimit,
                transactionCount,
                openedAt,
                updatedAt,
                null);
    }

    /** The state of a stream with no events; equal to itself so {@code Decider.exists} works. */
    public static AccountState initial() {
        return INITIAL;
    }

    /**
     * How much can be withdrawn right now. Cannot overflow: the balance is capped at 10^15 and the
     * limit at 10^9 by the decider.
     */
    public long available() {
        return balance + overdraftLimit;
    }
}
