package dev.eventline.accounts;

import java.time.Instant;

/**
 * Opens a new account. The identifier is chosen by the caller, which makes a retried open
 * recognisable (and harmless) instead of creating a second account.
 *
 * @param currency       ISO 4217 alphabetic code; fixed for the life of the account
 * @param overdraftLimit how far below zero the balance may go, in minor units
 * @param holder         the account holder's name sealed under the owner's personal-data key (a
 *                       {@code pii1.} token), or null: the domain carries it and never reads it, so
 *                       erasing the owner cannot change what the account decides
 */
public record OpenAccount(
        String accountId, String ownerId, String currency, long overdraftLimit, Instant at, String holder)
        implements AccountCommand {

    /** An account without a holder name (as every account opened before names were taken). */
    public OpenAccount(String accountId, String ownerId, String currency, long overdraftLimit, Instant at) {
        this(accountId, ownerId, currency, overdraftLimit, at, null);
    }
}
