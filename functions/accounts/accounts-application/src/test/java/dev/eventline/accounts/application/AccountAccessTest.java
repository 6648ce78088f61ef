package dev.eventline.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.accounts.AccountCommand;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountRule;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.ChangeOverdraftLimit;
import dev.eventline.accounts.CloseAccount;
import dev.eventline.accounts.DepositMoney;
import dev.eventline.accounts.FreezeAccount;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.UnfreezeAccount;
import dev.eventline.accounts.WithdrawMoney;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandExecutor;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.InMemoryEventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accounts access rules as a matrix: route × caller (the owner, someone else, staff) → what the
 * API answers: 403 before anything is read, 404 as if the account did not exist, or "passes" (the
 * decider's own rules decide). Commands run through an executor with {@link AccountAccess#DECIDER}
 * on an in-memory store, as the accounts API runs them.
 */
class AccountAccessTest {
    private static final String ACCOUNT = "a-1";
    private static final String OWNER = "alice";
    private static final long ABOVE_SELF_SERVICE = AccountAccess.SELF_SERVICE_OVERDRAFT_LIMIT + 1;

    private final Clock clock = Clock.systemUTC();
    private final CommandExecutor<AccountAccess.Guarded, AccountEvent, AccountState> executor = CommandExecutor.builder(
                    new InMemoryEventStore(clock), AccountAccess.DECIDER, new AccountEventCodec())
            .clock(clock)
            .build();

    enum Caller {
        OWNER_(new AccountAccess(OWNER, false)),
        SOMEONE_ELSE(new AccountAccess("mallory", false)),
        STAFF(new AccountAccess("clerk-7", true));

        final AccountAccess access;

        Caller(AccountAccess access) {
            this.access = access;
        }
    }

    enum Route {
        DEPOSIT("POST /accounts/{accountId}/deposits", at -> new DepositMoney(ACCOUNT, 100, "ref", at)),
        WITHDRAW("POST /accounts/{accountId}/withdrawals", at -> new WithdrawMoney(ACCOUNT, 100, "ref", at)),
        SMALL_OVERDRAFT(
                "PUT /accounts/{accountId}/overdraft-limit (<= self-service)",
                at -> new ChangeOverdraftLimit(ACCOUNT, AccountAccess.SELF_SERVICE_OVERDRAFT_LIMIT, at)),
        LARGE_OVERDRAFT(
                "PUT /accounts/{accountId}/overdraft-limit (> self-service)",
                at -> new ChangeOverdraftLimit(ACCOUNT, ABOVE_SELF_SERVICE, at)),
        FREEZE("POST /accounts/{accountId}/freeze", at -> new FreezeAccount(ACCOUNT, "fraud check", at)),
        UNFREEZE("POST /accounts/{accountId}/unfreeze", at -> new UnfreezeAccount(ACCOUNT, at)),
        CLOSE("POST /accounts/{accountId}/close", at -> new CloseAccount(ACCOUNT, at));

        final String key;
        final Function<Instant, AccountCommand> command;

        Route(String key, Function<Instant, AccountCommand> command) {
            this.key = key;
            this.command = command;
        }
    }

    static Stream<Arguments> command_matrix() {
        return Stream.of(
                Arguments.of(Route.DEPOSIT, Caller.OWNER_, "passes"),
                Arguments.of(Route.DEPOSIT, Caller.SOMEONE_ELSE, "404"),
                Arguments.of(Route.DEPOSIT, Caller.STAFF, "passes"),
                Arguments.of(Route.WITHDRAW, Caller.OWNER_, "passes"),
                Arguments.of(Route.WITHDRAW, Caller.SOMEONE_ELSE, "404"),
                Arguments.of(Route.WITHDRAW, Caller.STAFF, "passes"),
                Arguments.of(Route.SMALL_OVERDRAFT, Caller.OWNER_, "passes"),
                Arguments.of(Route.SMALL_OVERDRAFT, Caller.SOMEONE_ELSE, "404"),
                Arguments.of(Route.SMALL_OVERDRAFT, Caller.STAFF, "passes"),
                Arguments.of(Route.LARGE_OVERDRAFT, Caller.OWNER_, "403"),
                Arguments.of(Route.LARGE_OVERDRAFT, Caller.SOMEONE_ELSE, "403"),
                Arguments.of(Route.LARGE_OVERDRAFT, Caller.STAFF, "passes"),
                Arguments.of(Route.FREEZE, Caller.OWNER_, "403"),
                Arguments.of(Route.FREEZE, Caller.SOMEONE_ELSE, "403"),
                Arguments.of(Route.FREEZE, Caller.STAFF, "passes"),
                Arguments.of(Route.UNFREEZE, Caller.OWNER_, "403"),
                Arguments.of(Route.UNFREEZE, Caller.SOMEONE_ELSE, "403"),
                Arguments.of(Route.UNFREEZE, Caller.STAFF, "passes"),
                Arguments.of(Route.CLOSE, Caller.OWNER_, "passes"),
                Arguments.of(Route.CLOSE, Caller.SOMEONE_ELSE, "404"),
                Arguments.of(Route.CLOSE, Caller.STAFF, "passes"));
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource
    void command_matrix(Route route, Caller caller, String expected) {
        openForOwner();

        assertThat(answer(route.command.apply(clock.instant()), caller.access)).isEqualTo(expected);
    }

    static Stream<Arguments> opening_matrix() {
        return Stream.of(
                Arguments.of(Caller.OWNER_, Optional.empty(), 0L, "passes"),
                Arguments.of(Caller.OWNER_, Optional.of("bob"), 0L, "403"),
                Arguments.of(Caller.OWNER_, Optional.empty(), ABOVE_SELF_SERVICE, "403"),
                Arguments.of(Caller.STAFF, Optional.of("bob"), ABOVE_SELF_SERVICE, "passes"));
    }

    @ParameterizedTest(name = "POST /accounts by {0} naming {1} with overdraft {2}: {3}")
    @MethodSource
    void opening_matrix(Caller caller, Optional<String> named, long overdraft, String expected) {
        String owner = caller.access.ownerOfNewAccount(named);

        assertThat(answer(new OpenAccount("a-new", owner, "EUR", overdraft, clock.instant()), caller.access))
                .isEqualTo(expected);
    }

    @Test
    void an_account_and_its_statement_are_read_by_the_owner_and_staff_and_missing_for_anyone_else() {
        AccountState opened = openForOwner();

        assertThat(Caller.OWNER_.access.read(opened)).isEqualTo(AccountAccess.Outcome.ALLOWED);
        assertThat(Caller.SOMEONE_ELSE.access.read(opened)).isEqualTo(AccountAccess.Outcome.NOT_FOUND);
        assertThat(Caller.STAFF.access.read(opened)).isEqualTo(AccountAccess.Outcome.ALLOWED);
        assertThat(Caller.STAFF.access.read(AccountState.initial())).isEqualTo(AccountAccess.Outcome.NOT_FOUND);
    }

    @Test
    void an_owners_personal_data_is_erased_by_the_owner_and_staff_and_refused_with_403_to_anyone_else() {
        // DELETE /owners/{ownerId}/personal-data: refused, not missing, since the answer depends only on
        // who asks for which id and so tells nothing about who holds an account
        assertThat(Caller.OWNER_.access.erasePersonalData(OWNER)).isEqualTo(AccountAccess.Outcome.ALLOWED);
        assertThat(Caller.SOMEONE_ELSE.access.erasePersonalData(OWNER)).isEqualTo(AccountAccess.Outcome.FORBIDDEN);
        assertThat(Caller.STAFF.access.erasePersonalData(OWNER)).isEqualTo(AccountAccess.Outcome.ALLOWED);
        assertThat(Caller.STAFF.access.erasePersonalData("nobody")).isEqualTo(AccountAccess.Outcome.ALLOWED);
    }

    private AccountState openForOwner() {
        return ((Executed<AccountState>) executor.execute(
                        AccountStreams.streamId(ACCOUNT),
                        new AccountAccess.Guarded(
                                Caller.OWNER_.access, new OpenAccount(ACCOUNT, OWNER, "EUR", 0, clock.instant())),
                        context(),
                        Expectation.any()))
                .state();
    }

    private String answer(AccountCommand command, AccountAccess access) {
        if (access.command(command) == AccountAccess.Outcome.FORBIDDEN) {
            return "403";
        }
        try {
            executor.execute(
                    AccountStreams.streamId(command.accountId()),
                    new AccountAccess.Guarded(access, command),
                    context(),
                    Expectation.any());
            return "passes";
        } catch (RuleViolation violation) {
            return violation.code().equals(AccountRule.ACCOUNT_NOT_FOUND.code()) ? "404" : "passes";
        }
    }

    private CommandContext context() {
        return new CommandContext("cmd", "corr", "cmd", null, "test", clock.instant());
    }
}
