package dev.eventline.accounts;

import java.time.Instant;

/**
 * Credits the account.
 *
 * @param amount    positive, in minor units of the account currency
 * @param reference the caller's free-text reference, carried to the statement unchanged
 */
public record DepositMoney(String accountId, long amount, String reference, Instant at) implements AccountCommand {}
