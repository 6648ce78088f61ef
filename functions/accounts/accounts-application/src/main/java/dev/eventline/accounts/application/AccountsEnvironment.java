package dev.eventline.accounts.application;

/**
 * The environment variables naming the accounts tables, read by every accounts function and set by
 * {@code AccountsStack} in {@code infrastructure/}: a rename here is a rename there. The snapshot
 * settings are named in {@link AccountSnapshots}.
 */
public final class AccountsEnvironment {
    public static final String EVENTS_TABLE = "ACCOUNTS_EVENTS_TABLE";
    public static final String IDEMPOTENCY_TABLE = "ACCOUNTS_IDEMPOTENCY_TABLE";
    public static final String SNAPSHOTS_TABLE = "ACCOUNTS_SNAPSHOTS_TABLE";
    /** The inline balance view, written with the events ({@link AccountBalanceView}). */
    public static final String BALANCES_TABLE = "ACCOUNT_BALANCES_TABLE";
    /** The accounts projector's checkpoint per account: the folded state and its version. */
    public static final String PROJECTIONS_TABLE = "ACCOUNT_PROJECTIONS_TABLE";
    /** An owner's accounts ({@link OwnerAccountItem}). */
    public static final String ACCOUNTS_BY_OWNER_TABLE = "ACCOUNTS_BY_OWNER_TABLE";
    /** An account's balance at the end of each day it moved ({@link BalanceDayItem}). */
    public static final String BALANCE_HISTORY_TABLE = "BALANCE_HISTORY_TABLE";

    private AccountsEnvironment() {}
}
