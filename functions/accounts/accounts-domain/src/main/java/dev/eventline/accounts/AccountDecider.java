package dev.eventline.accounts;

import static dev.eventline.accounts.AccountRule.ACCOUNT_ALREADY_EXISTS;
import static dev.eventline.accounts.AccountRule.ACCOUNT_CLOSED;
import static dev.eventline.accounts.AccountRule.ACCOUNT_FROZEN;
import static dev.eventline.accounts.AccountRule.ACCOUNT_NOT_FOUND;
import static dev.eventline.accounts.AccountRule.BALANCE_LIMIT_EXCEEDED;
import static dev.eventline.accounts.AccountRule.INSUFFICIENT_FUNDS;
import static dev.eventline.accounts.AccountRule.INVALID_AMOUNT;
import static dev.eventline.accounts.AccountRule.INVALID_CURRENCY;
import static dev.eventline.accounts.AccountRule.INVALID_OVERDRAFT_LIMIT;
import static dev.eventline.accounts.AccountRule.NON_ZERO_BALANCE;
import static dev.eventline.accounts.AccountRule.OVERDRAFT_LIMIT_BELOW_DEBT;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleViolation;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The account aggregate as a decider: {@link #decide} turns a command into events or a
 * {@link RuleViolation}, {@link #evolve} folds events into state. Stateless, hence {@link #INSTANCE}.
 *
 * <p>Checks run in a fixed order so that the code a client sees is predictable: existence, then the
 * life cycle (closed, frozen), then "already satisfied", then the command's own values, then rules
 * that depend on the balance. The life cycle goes first because no value in the command could make
 * the request acceptable on a closed or frozen account.
 *
 * <p>An empty decision means the command is already satisfied (a retry, or a request for what is
 * already true): the caller answers success and records nothing.
 */
public final class AccountDecider implements Decider<AccountCommand, AccountEvent, AccountState> {

    /** Largest single deposit or withdrawal, in minor units: bounds typos like an extra "000". */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    /** Largest overdraft limit, in minor units. */
    public static final long MAX_OVERDRAFT_LIMIT = 1_000_000_000L;

    /**
     * Largest balance, in minor units. Far below {@link Long#MAX_VALUE}, so balances, available
     * amounts and projections summing a few accounts never overflow.
     */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;

    public static final AccountDecider INSTANCE = new AccountDecider();

    public AccountDecider() {
        // stateless; the public constructor is for frameworks that instantiate by reflection
    }

    @Override
    public AccountState initial() {
        return AccountState.initial();
    }

    @Override
    public List<AccountEvent> decide(AccountCommand command, AccountState state) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        // Missing identity or time is a bug in the adapter that built the command, not a business rule.
        Objects.requireNonNull(command.accountId(), "accountId");
        Objects.requireNonNull(command.at(), "at");
        return switch (command) {
            case OpenAccount c -> open(c, state);
            case DepositMoney c -> deposit(c, state);
            case WithdrawMoney c -> withdraw(c, state);
            case ChangeOverdraftLimit c -> changeOverdraftLimit(c, state);
            case FreezeAccount c -> freeze(c, state);
            case UnfreezeAccount c -> unfreeze(c, state);
            case CloseAccount c -> close(c, state);
        };
    }

    private static List<AccountEvent> open(OpenAccount c, AccountState state) {
        Objects.requireNonNull(c.ownerId(), "ownerId");
        switch (state.status()) {
            case NONE -> {
                /* the only status an account can be opened from */
            }
            // The identifier of a closed account is never reused, whatever the terms.
            case CLOSED -> throw closed(state);
            case OPEN, FROZEN -> {
                // A retried open (new timestamp, same terms) must not fail the client that already succeeded.
                // The holder is not a term: sealed again it is another token even for the same name.
                if (c.ownerId().equals(state.ownerId())
                        && c.currency() != null
                        && c.currency().equals(state.currency())
                        && c.overdraftLimit() == state.overdraftLimit()) {
                    return List.of();
                }
                throw new RuleViolation(
                        ACCOUNT_ALREADY_EXISTS,
                        "account " + state.accountId() + " already exists with different terms");
            }
        }
        requireCurrency(c.currency());
        requireOverdraftLimit(c.overdraftLimit());
        return List.of(
                new AccountOpened(c.accountId(), c.ownerId(), c.currency(), c.overdraftLimit(), c.at(), c.holder()));
    }

    private static List<AccountEvent> deposit(DepositMoney c, AccountState state) {
        requireMovable(c, state);
        requireAmount(c.amount());
        long balanceAfter;
        try {
            // Overflow is unreachable while the bounds hold, but a ledger must never wrap around silently.
            balanceAfter = Math.addExact(state.balance(), c.amount());
        } catch (ArithmeticException overflow) {
            throw balanceLimitExceeded(c, state);
        }
        if (balanceAfter > MAX_BALANCE) {
            throw balanceLimitExceeded(c, state);
        }
        return List.of(new MoneyDeposited(c.accountId(), c.amount(), c.reference(), balanceAfter, c.at()));
    }

    private static List<AccountEvent> withdraw(WithdrawMoney c, AccountState state) {
        requireMovable(c, state);
        requireAmount(c.amount());
        if (c.amount() > state.available()) {
            throw new RuleViolation(
                    INSUFFICIENT_FUNDS, "cannot withdraw " + c.amount() + "; available is " + state.available());
        }
        // Cannot overflow: both operands are bounded, but exact arithmetic documents the intent.
        long balanceAfter = Math.subtractExact(state.balance(), c.amount());
        return List.of(new MoneyWithdrawn(c.accountId(), c.amount(), c.reference(), balanceAfter, c.at()));
    }

    private static List<AccountEvent> changeOverdraftLimit(ChangeOverdraftLimit c, AccountState state) {
        requireMovable(c, state);
        requireOverdraftLimit(c.newLimit());
        if (c.newLimit() == state.overdraftLimit()) {
            return List.of();
        }
        // The limit may shrink, but not below what is already owed: the account would be in breach at once.
        if (c.newLimit() < -state.balance()) {
            throw new RuleViolation(
                    OVERDRAFT_LIMIT_BELOW_DEBT,
                    "limit " + c.newLimit() + " is below the current debt of " + -state.balance());
        }
        return List.of(new OverdraftLimitChanged(c.accountId(), state.overdraftLimit(), c.newLimit(), c.at()));
    }

    private static List<AccountEvent> freeze(FreezeAccount c, AccountState state) {
        return switch (state.status()) {
            case NONE -> throw notFound(c);
            case CLOSED -> throw closed(state);
            // Already frozen: the first reason stands; a second freeze adds no information worth an event.
            case FROZEN -> List.of();
            case OPEN -> List.of(new AccountFrozen(c.accountId(), c.reason(), c.at()));
        };
    }

    private static List<AccountEvent> unfreeze(UnfreezeAccount c, AccountState state) {
        return switch (state.status()) {
            case NONE -> throw notFound(c);
            case CLOSED -> throw closed(state);
            // Already satisfied rather than ACCOUNT_NOT_FROZEN, so that a retried unfreeze does not fail.
            case OPEN -> List.of();
            case FROZEN -> List.of(new AccountUnfrozen(c.accountId(), c.at()));
        };
    }

    private static List<AccountEvent> close(CloseAccount c, AccountState state) {
        return switch (state.status()) {
            case NONE -> throw notFound(c);
            case CLOSED -> List.of();
            // A freeze is usually an investigation; closing would end it behind the investigator's back.
            case FROZEN -> throw frozen(state);
            case OPEN -> {
                if (state.balance() != 0) {
                    throw new RuleViolation(
                            NON_ZERO_BALANCE,
                            "balance is " + state.balance() + "; only an account at zero can be closed");
                }
                yield List.of(new AccountClosed(c.accountId(), c.at()));
            }
        };
    }

    /** Deposits, withdrawals and limit changes need an account that is open (not frozen, not closed). */
    private static void requireMovable(AccountCommand c, AccountState state) {
        switch (state.status()) {
            case NONE -> throw notFound(c);
            case CLOSED -> throw closed(state);
            case FROZEN -> throw frozen(state);
            case OPEN -> {
                /* money may move */
            }
        }
    }

    private static RuleViolation balanceLimitExceeded(DepositMoney c, AccountState state) {
        return new RuleViolation(
                BALANCE_LIMIT_EXCEEDED,
                "a deposit of " + c.amount() + " would take the balance of " + state.balance() + " over "
                        + MAX_BALANCE);
    }

    private static void requireAmount(long amount) {
        if (amount < 1 || amount > MAX_AMOUNT) {
            throw new RuleViolation(
                    INVALID_AMOUNT, "amount " + amount + " is not between 1 and " + MAX_AMOUNT + " minor units");
        }
    }

    private static void requireOverdraftLimit(long limit) {
        if (limit < 0 || limit > MAX_OVERDRAFT_LIMIT) {
            throw new RuleViolation(
                    INVALID_OVERDRAFT_LIMIT,
                    "overdraft limit " + limit + " is not between 0 and " + MAX_OVERDRAFT_LIMIT);
        }
    }

    private static void requireCurrency(String code) {
        // The shape is checked here so the rule reads as stated (three upper-case letters) instead of
        // depending on how the JDK parses; the JDK's ISO 4217 table then rejects unassigned codes like "ABC".
        if (code == null || code.length() != 3 || !code.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
            throw invalidCurrency(code);
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            throw invalidCurrency(code);
        }
    }

    private static RuleViolation invalidCurrency(String code) {
        return new RuleViolation(INVALID_CURRENCY, "'" + code + "' is not an ISO 4217 currency code");
    }

    private static RuleViolation notFound(AccountCommand c) {
        return new RuleViolation(ACCOUNT_NOT_FOUND, "account " + c.accountId() + " does not exist");
    }

    private static RuleViolation closed(AccountState state) {
        return new RuleViolation(ACCOUNT_CLOSED, "account " + state.accountId() + " is closed");
    }

    private static RuleViolation frozen(AccountState state) {
        return new RuleViolation(ACCOUNT_FROZEN, "account " + state.accountId() + " is frozen");
    }

    /**
     * Applies a recorded fact. Never throws: an event that was accepted once must replay forever,
     * even if today's rules would refuse the command that produced it.
     */
    @Override
    public AccountState evolve(AccountState state, AccountEvent event) {
        return switch (event) {
            case AccountOpened e ->
                new AccountState(
                        AccountStatus.OPEN,
                        e.accountId(),
                        e.ownerId(),
                        e.currency(),
                        0L,
                        e.overdraftLimit(),
                        0L,
                        e.openedAt(),
                        e.openedAt(),
                        e.holder());
            // The recorded balanceAfter is the decided outcome; re-deriving it here could diverge from the
            // statement if the arithmetic ever changed (fees, rounding), so the event wins.
            case MoneyDeposited e ->
                new AccountState(
                        state.status(),
                        state.accountId(),
                        state.ownerId(),
                        state.currency(),
                        e.balanceAfter(),
                        state.overdraftLimit(),
                        state.transactionCount() + 1,
                        state.openedAt(),
                        e.depositedAt(),
                        state.holder());
            case MoneyWithdrawn e ->
                new AccountState(
                        state.status(),
                        state.accountId(),
                        state.ownerId(),
                        state.currency(),
                        e.balanceAfter(),
                        state.overdraftLimit(),
                        state.transactionCount() + 1,
                        state.openedAt(),
                        e.withdrawnAt(),
                        state.holder());
            case OverdraftLimitChanged e ->
                new AccountState(
                        state.status(),
                        state.accountId(),
                        state.ownerId(),
                        state.currency(),
                        state.balance(),
                        e.newLimit(),
                        state.transactionCount(),
                        state.openedAt(),
                        e.changedAt(),
                        state.holder());
            case AccountFrozen e -> withStatus(state, AccountStatus.FROZEN, e.frozenAt());
            case AccountUnfrozen e -> withStatus(state, AccountStatus.OPEN, e.unfrozenAt());
            case AccountClosed e -> withStatus(state, AccountStatus.CLOSED, e.closedAt());
        };
    }

    private static AccountState withStatus(AccountState state, AccountStatus status, Instant at) {
        return new AccountState(
                status,
                state.accountId(),
                state.ownerId(),
                state.currency(),
                state.balance(),
                state.overdraftLimit(),
                state.transactionCount(),
                state.openedAt(),
                at,
                state.holder());
    }
}
