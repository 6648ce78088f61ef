package dev.eventline.accounts;

/**
 * A fact recorded on an account stream. Events are stored forever, so their shape only ever grows:
 * sealed so that {@link AccountDecider#evolve} is compiler-checked to apply every one of them.
 */
public sealed interface AccountEvent
        permits AccountOpened,
                MoneyDeposited,
                MoneyWithdrawn,
                OverdraftLimitChanged,
                AccountFrozen,
                AccountUnfrozen,
                AccountClosed {

    /** The stream the event belongs to. */
    String accountId();
}
