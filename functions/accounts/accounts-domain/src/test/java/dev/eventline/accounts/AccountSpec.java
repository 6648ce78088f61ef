package dev.eventline.accounts;

import dev.eventline.domain.testkit.DeciderSpec;
import java.time.Instant;

/**
 * Given/when/then over the decider: past events, one command, the expected events or rule.
 * Keeping tests in the language of events means they survive any refactoring of the state record.
 */
final class AccountSpec {

    static final AccountDecider DECIDER = AccountDecider.INSTANCE;
    static final DeciderSpec<AccountCommand, AccountEvent, AccountState> SPEC = DeciderSpec.of(DECIDER);

    static final String ACCOUNT = "acc-0001";
    static final String OWNER = "owner-42";
    static final String EUR = "EUR";
    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Instant T2 = T0.plusSeconds(120);
    static final Instant T3 = T0.plusSeconds(180);

    private AccountSpec() {}

    static DeciderSpec.Given<AccountCommand, AccountEvent, AccountState> given(AccountEvent... history) {
        return SPEC.given(history);
    }

    // Shorthands for the usual history, so that each test shows only what matters to it.

    static AccountOpened opened(long overdraftLimit) {
        return new AccountOpened(ACCOUNT, OWNER, EUR, overdraftLimit, T0);
    }

    static MoneyDeposited deposited(long amount, long balanceAfter) {
        return new MoneyDeposited(ACCOUNT, amount, "dep", balanceAfter, T1);
    }

    static MoneyWithdrawn withdrawn(long amount, long balanceAfter) {
        return new MoneyWithdrawn(ACCOUNT, amount, "wd", balanceAfter, T1);
    }

    static AccountFrozen frozen() {
        return new AccountFrozen(ACCOUNT, "fraud check", T1);
    }

    static AccountClosed closed() {
        return new AccountClosed(ACCOUNT, T1);
    }
}
