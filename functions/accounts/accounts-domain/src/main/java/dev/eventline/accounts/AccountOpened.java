package dev.eventline.accounts;

import java.time.Instant;

/**
 * The account exists, with a zero balance, from {@code openedAt} on. {@code holder} is the holder's
 * name sealed under the owner's personal-data key (or null, as in every v1 event): opaque here.
 */
public record AccountOpened(
        String accountId, String ownerId, String currency, long overdraftLimit, Instant openedAt, String holder)
        implements AccountEvent {

    public AccountOpened(String accountId, String ownerId, String currency, long overdraftLimit, Instant openedAt) {
        this(accountId, ownerId, currency, overdraftLimit, openedAt, null);
    }
}
