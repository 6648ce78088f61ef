package dev.eventline.accounts;

import java.time.Instant;

/** The account is closed, at a zero balance; it is the last event of its stream. */
public record AccountClosed(String accountId, Instant closedAt) implements AccountEvent {}
