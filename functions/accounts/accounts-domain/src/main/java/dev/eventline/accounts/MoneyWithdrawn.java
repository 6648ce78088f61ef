package dev.eventline.accounts;

import java.time.Instant;

/**
 * Money was debited.
 *
 * @param balanceAfter the balance once this withdrawal is applied (negative when in overdraft);
 *                     recorded so that a statement line can be read from this event alone
 */
public record MoneyWithdrawn(String accountId, long amount, String reference, long balanceAfter, Instant withdrawnAt)
        implements AccountEvent {}
