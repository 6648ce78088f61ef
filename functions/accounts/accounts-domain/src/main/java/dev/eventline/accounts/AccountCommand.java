package dev.eventline.accounts;

import java.time.Instant;

/**
 * An intention addressed to one account. Sealed so that {@link AccountDecider#decide} is checked by
 * the compiler to handle every command: adding one without a decision fails the build, not production.
 */
public sealed interface AccountCommand
        permits OpenAccount,
                DepositMoney,
                WithdrawMoney,
                ChangeOverdraftLimit,
                FreezeAccount,
                UnfreezeAccount,
                CloseAccount {

    /** The stream the command is routed to. */
    String accountId();

    /** When the caller issued it; it becomes the event's timestamp so decisions stay replayable. */
    Instant at();
}
