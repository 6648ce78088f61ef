package dev.eventline.accounts;

import static dev.eventline.accounts.AccountSpec.ACCOUNT;
import static dev.eventline.accounts.AccountSpec.EUR;
import static dev.eventline.accounts.AccountSpec.OWNER;
import static dev.eventline.accounts.AccountSpec.T0;
import static dev.eventline.accounts.AccountSpec.T1;
import static dev.eventline.accounts.AccountSpec.T2;
import static dev.eventline.accounts.AccountSpec.T3;

import dev.eventline.domain.testkit.DeciderProperties;
import dev.eventline.domain.testkit.DeciderSpec;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Deciding an account command twice changes nothing, and evolve accepts every event decided, on
 * arbitrary accounts built by deciding commands (the properties are in {@link DeciderProperties}).
 */
class AccountDeciderPropertiesTest extends DeciderProperties<AccountCommand, AccountEvent, AccountState> {

    /** A command as a client sends it after reading the account. */
    sealed interface Move extends Function<AccountState, AccountCommand> permits Send, Settle {}

    /** Most commands do not depend on what the client read. */
    record Send(AccountCommand command) implements Move {
        @Override
        public AccountCommand apply(AccountState account) {
            return command;
        }
    }

    /** Brings the balance the client read to zero, as before closing: withdraws a credit, pays off a debt. */
    record Settle() implements Move {
        @Override
        public AccountCommand apply(AccountState account) {
            return account.balance() > 0
                    ? new WithdrawMoney(ACCOUNT, account.balance(), "settle", T2)
                    : new DepositMoney(ACCOUNT, -account.balance(), "settle", T2);
        }
    }

    @Override
    protected DeciderSpec<AccountCommand, AccountEvent, AccountState> spec() {
        return AccountSpec.SPEC;
    }

    @Override
    protected Class<AccountCommand> commandType() {
        return AccountCommand.class;
    }

    /**
     * Deposits and withdrawals move money by an amount: two equal deposits are two deposits (the same
     * rent paid twice is paid twice), so the domain must never fold them into one. A retried request
     * is made harmless by its Idempotency-Key: the key is written in the same transaction as the first
     * request's events, so the retry's append loses on it and the first response is replayed. Every
     * other account command names the state it wants (open with these terms, this limit, frozen,
     * unfrozen, closed), so a repeat finds it already there.
     */
    @Override
    protected boolean repeatable(AccountCommand command) {
        return command instanceof DepositMoney || command instanceof WithdrawMoney;
    }

    /**
     * Small amounts against a small overdraft, so that withdrawals are sometimes refused and closing is
     * reachable (after a settle); each command comes in any status, so refusals are exercised too.
     */
    @Override
    protected Arbitrary<Move> moves() {
        Arbitrary<Long> amounts = Arbitraries.of(100L, 250L, 1_000L, 5_000L);
        return Arbitraries.frequencyOf(List.of(
                weighted(
                        4,
                        Combinators.combine(Arbitraries.of(EUR, EUR, EUR, "USD"), Arbitraries.of(0L, 500L))
                                .as((currency, limit) -> send(new OpenAccount(ACCOUNT, OWNER, currency, limit, T0)))),
                weighted(3, amounts.map(amount -> send(new DepositMoney(ACCOUNT, amount, "dep", T1)))),
                weighted(3, amounts.map(amount -> send(new WithdrawMoney(ACCOUNT, amount, "wd", T1)))),
                weighted(
                        3,
                        Arbitraries.of(0L, 500L, 1_000L)
                                .map(limit -> send(new ChangeOverdraftLimit(ACCOUNT, limit, T1)))),
                weighted(2, Arbitraries.just(send(new FreezeAccount(ACCOUNT, "fraud check", T2)))),
                weighted(2, Arbitraries.just(send(new UnfreezeAccount(ACCOUNT, T2)))),
                weighted(2, Arbitraries.just(new Settle())),
                weighted(2, Arbitraries.just(send(new CloseAccount(ACCOUNT, T3))))));
    }

    private static Move send(AccountCommand command) {
        return new Send(command);
    }

    private static Tuple2<Integer, Arbitrary<Move>> weighted(int weight, Arbitrary<? extends Move> moves) {
        return Tuple.of(weight, moves.map(Move.class::cast));
    }
}
