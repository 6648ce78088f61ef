package dev.eventline.accounts;

import java.time.Instant;

/**
 * Blocks every movement of money until the account is unfrozen.
 *
 * @param reason kept on the event for audit: who froze an account, and why, must be answerable later
 */
public record FreezeAccount(String accountId, String reason, Instant at) implements AccountCommand {}
