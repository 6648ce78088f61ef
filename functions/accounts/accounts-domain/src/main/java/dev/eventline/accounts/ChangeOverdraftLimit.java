package dev.eventline.accounts;

import java.time.Instant;

/**
 * Sets the overdraft limit. The command carries the absolute target rather than a delta so that a
 * retry converges on the same limit instead of applying the change twice.
 */
public record ChangeOverdraftLimit(String accountId, long newLimit, Instant at) implements AccountCommand {}
