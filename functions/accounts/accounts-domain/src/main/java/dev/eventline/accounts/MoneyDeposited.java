package dev.eventline.accounts;

import java.time.Instant;

/**
 * Money was credited.
 *
 * @param balanceAfter the balance once this deposit is applied; recorded so that a statement line,
 *                     with its running balance, can be read from this event alone
 */
public record MoneyDeposited(String accountId, long amount, String reference, long balanceAfter, Instant depositedAt)
        implements AccountEvent {}
