package dev.eventline.accounts;

import java.time.Instant;

/** Money can no longer move on the account. */
public record AccountFrozen(String accountId, String reason, Instant frozenAt) implements AccountEvent {}
