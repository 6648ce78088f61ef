package dev.eventline.accounts;

import java.time.Instant;

/** A freeze was lifted; the account is open again. */
public record AccountUnfrozen(String accountId, Instant unfrozenAt) implements AccountEvent {}
