package dev.eventline.accounts.application;

import dev.eventline.accounts.AccountCommand;
import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountRule;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.AccountStatus;
import dev.eventline.accounts.ChangeOverdraftLimit;
import dev.eventline.accounts.CloseAccount;
import dev.eventline.accounts.DepositMoney;
import dev.eventline.accounts.FreezeAccount;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.UnfreezeAccount;
import dev.eventline.accounts.WithdrawMoney;
import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleViolation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what in the accounts context: the one place its access rules live (the accounts API
 * asks, the matrix test {@code AccountAccessTest} pins every answer).
 *
 * <ul>
 *   <li>An owner ({@code ownerId} = the caller's subject) reads their account and statement,
 *       deposits, withdraws, closes, and sets an overdraft limit up to
 *       {@value #SELF_SERVICE_OVERDRAFT_LIMIT} minor units.</li>
 *   <li>Someone else's account is, to them, an account that does not exist (404, same words).</li>
 *   <li>Staff (scope {@value #STAFF_SCOPE}) freeze and unfreeze, set larger overdraft limits, read
 *       any account, and may open an account in a named owner's name. Those actions are refused to
 *       anyone else with 403 before anything is read, whoever owns the account.</li>
 * </ul>
 *
 * @param subject the verified caller's subject (JWT {@code sub})
 * @param staff   whether the caller holds {@value #STAFF_SCOPE}
 */
public record AccountAccess(String subject, boolean staff) {
    public static final String STAFF_SCOPE = "eventline/staff";
    /** Minor units an owner may allow their own account to go below zero without staff (1,000.00). */
    public static final long SELF_SERVICE_OVERDRAFT_LIMIT = 100_000;

    /** What the caller gets: on with it, the resource as missing (404), or refused for lack of a scope (403). */
    public enum Outcome {
        ALLOWED,
        NOT_FOUND,
        FORBIDDEN
    }

    /** A command with the caller it is decided for: what the accounts executor runs. */
    public record Guarded(AccountAccess access, AccountCommand command) {
        public Guarded {
            Objects.requireNonNull(access, "access");
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * The account decider behind the caller's check: it runs on the very state each decision is made
     * on (cached, then fresh after a conflict), so it costs no read of its own.
     */
    public static final Decider<Guarded, AccountEvent, AccountState> DECIDER = new Decider<>() {
        @Override
        public AccountState initial() {
            return AccountDecider.INSTANCE.initial();
        }

        @Override
        public List<AccountEvent> decide(Guarded guarded, AccountState state) {
            if (guarded.access().onAccount(guarded.command(), state) != Outcome.ALLOWED) {
                // exactly the decider's own refusal for a missing account: nothing to tell them apart
                throw new RuleViolation(
                        AccountRule.ACCOUNT_NOT_FOUND,
                        "account " + guarded.command().accountId() + " does not exist");
            }
            return AccountDecider.INSTANCE.decide(guarded.command(), state);
        }

        @Override
        public AccountState evolve(AccountState state, AccountEvent event) {
            return AccountDecider.INSTANCE.evolve(state, event);
        }
    };

    public AccountAccess {
        Objects.requireNonNull(subject, "subject");
    }

    /** For in-process callers acting for the bank itself (tests, benchmarks, tooling), never for a request. */
    public static AccountAccess trusted() {
        return new AccountAccess("eventline", true);
    }

    /** Checked before anything is read: only the command matters. */
    public Outcome command(AccountCommand command) {
        if (staff) {
            return Outcome.ALLOWED;
        }
        return switch (command) {
            case OpenAccount c ->
                c.ownerId().equals(subject) && c.overdraftLimit() <= SELF_SERVICE_OVERDRAFT_LIMIT
                        ? Outcome.ALLOWED
                        : Outcome.FORBIDDEN;
            case ChangeOverdraftLimit c ->
                c.newLimit() <= SELF_SERVICE_OVERDRAFT_LIMIT ? Outcome.ALLOWED : Outcome.FORBIDDEN;
            case FreezeAccount c -> Outcome.FORBIDDEN;
            case UnfreezeAccount c -> Outcome.FORBIDDEN;
            case DepositMoney c -> Outcome.ALLOWED;
            case WithdrawMoney c -> Outcome.ALLOWED;
            case CloseAccount c -> Outcome.ALLOWED;
        };
    }

    /** Checked on the account as it is; opening is left to the decider (a taken id is a conflict for anyone). */
    public Outcome onAccount(AccountCommand command, AccountState state) {
        if (command instanceof OpenAccount) {
            return Outcome.ALLOWED;
        }
        return read(state);
    }

    /** An owner's list of accounts: their own, or anyone's for staff; anyone else's looks missing. */
    public Outcome readOwner(String ownerId) {
        return staff || subject.equals(ownerId) ? Outcome.ALLOWED : Outcome.NOT_FOUND;
    }

    /** Reading an account, its statement or balance history; a missing account is missing to everyone. */
    public Outcome read(AccountState state) {
        if (state.status() == AccountStatus.NONE) {
            return Outcome.NOT_FOUND;
        }
        return staff || subject.equals(state.ownerId()) ? Outcome.ALLOWED : Outcome.NOT_FOUND;
    }

    /**
     * Erasing an owner's personal data (the holder names of their accounts): the owner themselves or
     * staff. Refused (not "missing"): the answer depends only on who asks for which id, so it tells
     * nothing about who holds an account.
     */
    public Outcome erasePersonalData(String ownerId) {
        return staff || subject.equals(ownerId) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    /** The owner of a new account: the caller, unless staff name another ({@link #command} refuses the rest). */
    public String ownerOfNewAccount(Optional<String> named) {
        return named.orElse(subject);
    }
}
