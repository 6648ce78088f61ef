package dev.eventline.accounts;

import java.time.Instant;

/** Lifts a freeze. */
public record UnfreezeAccount(String accountId, Instant at) implements AccountCommand {}
