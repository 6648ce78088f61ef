package dev.eventline.accounts;

import java.time.Instant;

/** The account exists, with a zero balance, from {@code openedAt} on. */
public record AccountOpened(String accountId, String ownerId, String currency, long overdraftLimit, Instant openedAt)
        implements AccountEvent {}
