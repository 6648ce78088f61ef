package dev.eventline.accounts;

import java.time.Instant;

/** Closes the account for good; the identifier is never reused. */
public record CloseAccount(String accountId, Instant at) implements AccountCommand {}
