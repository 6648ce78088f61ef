package dev.eventline.accounts;

import java.time.Instant;

/**
 * Debits the account, possibly into the overdraft.
 *
 * @param amount    positive, in minor units of the account currency
 * @param reference the caller's free-text reference, carried to the statement unchanged
 */
public record WithdrawMoney(String accountId, long amount, String reference, Instant at) implements AccountCommand {}
