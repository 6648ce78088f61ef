package dev.eventline.accounts;

import java.time.Instant;

/**
 * The overdraft limit changed. The previous limit is kept so that consumers (risk, notifications)
 * can tell a raise from a cut without replaying the stream.
 */
public record OverdraftLimitChanged(String accountId, long previousLimit, long newLimit, Instant changedAt)
        implements AccountEvent {}
