package dev.eventline.accounts;

import java.time.Instant;

/**
 * Opens a new account. The identifier is chosen by the caller, which makes a retried open
 * recognisable (and harmless) instead of creating a second account.
 *
 * @param currency       ISO 4217 alphabetic code; fixed for the life of the account
 * @param overdraftLimit how far below zero the balance may go, in minor units
 */
public record OpenAccount(String accountId, String ownerId, String currency, long overdraftLimit, Instant at)
        implements AccountCommand {}
