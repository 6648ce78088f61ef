package dev.eventline.accounts;

import dev.eventline.domain.RuleCode;

/**
 * The business rules of the accounts context. Clients match on {@link #code()}, which is the
 * constant's name: renaming a constant is therefore a breaking API change, and so is reusing one
 * for a different meaning.
 */
public enum AccountRule implements RuleCode {
    /** Any command but {@link OpenAccount} on a stream that has no events. */
    ACCOUNT_NOT_FOUND,
    /** An {@link OpenAccount} for an existing account with different terms. */
    ACCOUNT_ALREADY_EXISTS,
    /** Not an ISO 4217 alphabetic code known to the JDK. */
    INVALID_CURRENCY,
    /** An amount outside 1..10^12 minor units. */
    INVALID_AMOUNT,
    /** A withdrawal beyond balance plus overdraft limit. */
    INSUFFICIENT_FUNDS,
    /** An overdraft limit outside 0..10^9 minor units. */
    INVALID_OVERDRAFT_LIMIT,
    /** A new overdraft limit smaller than what the account already owes. */
    OVERDRAFT_LIMIT_BELOW_DEBT,
    /** Money movements, limit changes and closing are refused while frozen. */
    ACCOUNT_FROZEN,
    /**
     * Reserved, not produced: unfreezing an open account is treated as already satisfied (an empty
     * decision) so that retried unfreezes are harmless. Kept because the code is published.
     */
    ACCOUNT_NOT_FROZEN,
    /** Nothing happens on a closed account (except a repeated close, which is already satisfied). */
    ACCOUNT_CLOSED,
    /** Only an account at exactly zero can be closed, so no money is lost or owed silently. */
    NON_ZERO_BALANCE,
    /** A deposit that would take the balance over 10^15 minor units. */
    BALANCE_LIMIT_EXCEEDED;

    @Override
    public String code() {
        return name();
    }
}
