package dev.eventline.accounts;

import static dev.eventline.accounts.AccountSpec.ACCOUNT;
import static dev.eventline.accounts.AccountSpec.DECIDER;
import static dev.eventline.accounts.AccountSpec.EUR;
import static dev.eventline.accounts.AccountSpec.OWNER;
import static dev.eventline.accounts.AccountSpec.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountLedgerFoldTest {

    private static final int TRANSACTIONS = 10_000;
    private static final long OVERDRAFT = 50_000;

    @Test
    void folding_ten_thousand_deposits_and_withdrawals_gives_the_balance_of_their_sum() {
        // A fixed seed keeps the test deterministic while still covering a long, irregular history
        // that swings in and out of the overdraft.
        var random = new SplittableRandom(20250301L);
        List<AccountEvent> history = new ArrayList<>(TRANSACTIONS + 1);
        history.add(new AccountOpened(ACCOUNT, OWNER, EUR, OVERDRAFT, T0));

        // The expected balance is kept apart from the decider, as plain arithmetic on the amounts.
        long expected = 0;
        long[] expectedAfter = new long[TRANSACTIONS];
        var state = DECIDER.fold(DECIDER.initial(), history);
        for (int i = 0; i < TRANSACTIONS; i++) {
            long amount = random.nextLong(1, 20_000);
            var at = T0.plusSeconds(i + 1L);
            boolean withdraw = random.nextBoolean() && amount <= expected + OVERDRAFT;
            AccountCommand command = withdraw
                    ? new WithdrawMoney(ACCOUNT, amount, "wd-" + i, at)
                    : new DepositMoney(ACCOUNT, amount, "dep-" + i, at);
            expected += withdraw ? -amount : amount;
            expectedAfter[i] = expected;

            List<AccountEvent> decided = DECIDER.decide(command, state);
            state = DECIDER.fold(state, decided);
            history.addAll(decided);
        }

        var replayed = DECIDER.fold(DECIDER.initial(), history);

        assertThat(history).hasSize(TRANSACTIONS + 1);
        assertThat(replayed).isEqualTo(state);
        assertThat(replayed.balance()).isEqualTo(expected);
        assertThat(replayed.transactionCount()).isEqualTo(TRANSACTIONS);
        assertThat(replayed.updatedAt()).isEqualTo(T0.plusSeconds(TRANSACTIONS));
        // A statement read from the events alone agrees with the arithmetic, line by line.
        for (int i = 0; i < TRANSACTIONS; i++) {
            long balanceAfter = switch (history.get(i + 1)) {
                case MoneyDeposited e -> e.balanceAfter();
                case MoneyWithdrawn e -> e.balanceAfter();
                case AccountOpened e -> throw new AssertionError("unexpected " + e);
                case OverdraftLimitChanged e -> throw new AssertionError("unexpected " + e);
                case AccountFrozen e -> throw new AssertionError("unexpected " + e);
                case AccountUnfrozen e -> throw new AssertionError("unexpected " + e);
                case AccountClosed e -> throw new AssertionError("unexpected " + e);
            };
            assertThat(balanceAfter).as("balance after transaction %d", i).isEqualTo(expectedAfter[i]);
        }
    }
}
