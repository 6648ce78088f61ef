package dev.eventline.accounts;

import static dev.eventline.accounts.AccountSpec.ACCOUNT;
import static dev.eventline.accounts.AccountSpec.DECIDER;
import static dev.eventline.accounts.AccountSpec.EUR;
import static dev.eventline.accounts.AccountSpec.OWNER;
import static dev.eventline.accounts.AccountSpec.T0;
import static dev.eventline.accounts.AccountSpec.T1;
import static dev.eventline.accounts.AccountSpec.T2;
import static dev.eventline.accounts.AccountSpec.T3;
import static dev.eventline.accounts.AccountSpec.closed;
import static dev.eventline.accounts.AccountSpec.deposited;
import static dev.eventline.accounts.AccountSpec.frozen;
import static dev.eventline.accounts.AccountSpec.given;
import static dev.eventline.accounts.AccountSpec.opened;
import static dev.eventline.accounts.AccountSpec.withdrawn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountDeciderTest {

    private static final long TEN_POW_9 = 1_000_000_000L;
    private static final long TEN_POW_12 = 1_000_000_000_000L;
    private static final long TEN_POW_15 = 1_000_000_000_000_000L;

    /** Every command except opening, i.e. every command that needs an existing account. */
    static Stream<AccountCommand> commandsOnAnExistingAccount() {
        return Stream.of(
                new DepositMoney(ACCOUNT, 100, "dep", T2),
                new WithdrawMoney(ACCOUNT, 100, "wd", T2),
                new ChangeOverdraftLimit(ACCOUNT, 500, T2),
                new FreezeAccount(ACCOUNT, "fraud check", T2),
                new UnfreezeAccount(ACCOUNT, T2),
                new CloseAccount(ACCOUNT, T2));
    }

    @Nested
    class Opening {

        @Test
        void an_account_opens_with_a_zero_balance_and_the_requested_overdraft_limit() {
            var state = given().when(new OpenAccount(ACCOUNT, OWNER, EUR, 50_000, T0))
                    .then(new AccountOpened(ACCOUNT, OWNER, EUR, 50_000, T0));

            assertThat(state)
                    .isEqualTo(new AccountState(AccountStatus.OPEN, ACCOUNT, OWNER, EUR, 0, 50_000, 0, T0, T0));
        }

        @Test
        void the_sealed_holder_is_recorded_and_carried_through_later_events_without_being_read() {
            String sealed = "pii1.b3duZXItNDI.k1.AAECAwQFBgcICQoL";
            var state = given().when(new OpenAccount(ACCOUNT, OWNER, EUR, 0, T0, sealed))
                    .then(new AccountOpened(ACCOUNT, OWNER, EUR, 0, T0, sealed));

            assertThat(state.holder()).isEqualTo(sealed);
            assertThat(DECIDER.evolve(state, deposited(100, 100)).holder()).isEqualTo(sealed);
        }

        @Test
        void a_retried_open_whose_holder_was_sealed_again_is_already_satisfied() {
            // the same name sealed twice is two tokens (random nonce): not a change of terms
            given(new AccountOpened(ACCOUNT, OWNER, EUR, 0, T0, "pii1.b3duZXItNDI.k1.Zmlyc3Q"))
                    .when(new OpenAccount(ACCOUNT, OWNER, EUR, 0, T2, "pii1.b3duZXItNDI.k1.c2Vjb25k"))
                    .then();
        }

        @Test
        void opening_the_same_account_again_with_the_same_terms_is_already_satisfied() {
            given(opened(50_000))
                    .when(new OpenAccount(ACCOUNT, OWNER, EUR, 50_000, T2))
                    .then();
        }

        @Test
        void opening_a_frozen_account_again_with_the_same_terms_is_already_satisfied() {
            given(opened(50_000), frozen())
                    .when(new OpenAccount(ACCOUNT, OWNER, EUR, 50_000, T2))
                    .then();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("differentTerms")
        void opening_an_existing_account_with_different_terms_is_rejected_as_account_already_exists(
                OpenAccount differentTerms) {
            given(opened(50_000)).when(differentTerms).thenRejectedWith(AccountRule.ACCOUNT_ALREADY_EXISTS);
        }

        static Stream<OpenAccount> differentTerms() {
            return Stream.of(
                    new OpenAccount(ACCOUNT, "someone-else", EUR, 50_000, T2),
                    new OpenAccount(ACCOUNT, OWNER, "USD", 50_000, T2),
                    new OpenAccount(ACCOUNT, OWNER, EUR, 0, T2));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @NullSource
        @ValueSource(strings = {"", "eur", "Eur", "EU", "EURO", " EUR", "E1R", "ABC", "ZZZ"})
        void a_currency_that_is_not_an_iso_4217_code_is_rejected_as_invalid_currency(String currency) {
            given().when(new OpenAccount(ACCOUNT, OWNER, currency, 0, T0))
                    .thenRejectedWith(AccountRule.INVALID_CURRENCY);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"EUR", "USD", "JPY", "GBP", "CHF"})
        void any_iso_4217_currency_is_accepted(String currency) {
            given().when(new OpenAccount(ACCOUNT, OWNER, currency, 0, T0))
                    .then(new AccountOpened(ACCOUNT, OWNER, currency, 0, T0));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(longs = {-1, Long.MIN_VALUE, TEN_POW_9 + 1, Long.MAX_VALUE})
        void an_overdraft_limit_outside_0_to_10e9_is_rejected_as_invalid_overdraft_limit(long limit) {
            given().when(new OpenAccount(ACCOUNT, OWNER, EUR, limit, T0))
                    .thenRejectedWith(AccountRule.INVALID_OVERDRAFT_LIMIT);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(longs = {0, TEN_POW_9})
        void an_overdraft_limit_at_either_bound_is_accepted(long limit) {
            given().when(new OpenAccount(ACCOUNT, OWNER, EUR, limit, T0))
                    .then(new AccountOpened(ACCOUNT, OWNER, EUR, limit, T0));
        }
    }

    @Nested
    class AccountThatDoesNotExist {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.eventline.accounts.AccountDeciderTest#commandsOnAnExistingAccount")
        void any_command_but_opening_is_rejected_as_account_not_found(AccountCommand command) {
            given().when(command).thenRejectedWith(AccountRule.ACCOUNT_NOT_FOUND);
        }
    }

    @Nested
    class Depositing {

        @Test
        void a_deposit_credits_the_balance_and_records_the_balance_after() {
            var state = given(opened(0), deposited(1_000, 1_000))
                    .when(new DepositMoney(ACCOUNT, 250, "salary", T2))
                    .then(new MoneyDeposited(ACCOUNT, 250, "salary", 1_250, T2));

            assertThat(state.balance()).isEqualTo(1_250);
            assertThat(state.transactionCount()).isEqualTo(2);
            assertThat(state.updatedAt()).isEqualTo(T2);
        }

        @Test
        void a_deposit_into_an_overdrawn_account_reduces_the_debt() {
            given(opened(1_000), withdrawn(800, -800))
                    .when(new DepositMoney(ACCOUNT, 300, "repay", T2))
                    .then(new MoneyDeposited(ACCOUNT, 300, "repay", -500, T2));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(longs = {0, -1, Long.MIN_VALUE, TEN_POW_12 + 1, Long.MAX_VALUE})
        void an_amount_outside_1_to_10e12_is_rejected_as_invalid_amount(long amount) {
            given(opened(0))
                    .when(new DepositMoney(ACCOUNT, amount, "dep", T2))
                    .thenRejectedWith(AccountRule.INVALID_AMOUNT);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(longs = {1, TEN_POW_12})
        void an_amount_at_either_bound_is_accepted(long amount) {
            given(opened(0))
                    .when(new DepositMoney(ACCOUNT, amount, "dep", T2))
                    .then(new MoneyDeposited(ACCOUNT, amount, "dep", amount, T2));
        }

        @Test
        void a_deposit_that_would_take_the_balance_over_10e15_is_rejected_as_balance_limit_exceeded() {
            given(opened(0), deposited(TEN_POW_12, TEN_POW_15))
                    .when(new DepositMoney(ACCOUNT, 1, "one too many", T2))
                    .thenRejectedWith(AccountRule.BALANCE_LIMIT_EXCEEDED);
        }

        @Test
        void a_deposit_that_takes_the_balance_to_exactly_10e15_is_accepted() {
            given(opened(0), deposited(TEN_POW_12, TEN_POW_15 - TEN_POW_12))
                    .when(new DepositMoney(ACCOUNT, TEN_POW_12, "top up", T2))
                    .then(new MoneyDeposited(ACCOUNT, TEN_POW_12, "top up", TEN_POW_15, T2));
        }
    }

    @Nested
    class Withdrawing {

        @Test
        void a_withdrawal_debits_the_balance_and_records_the_balance_after() {
            var state = given(opened(0), deposited(1_000, 1_000))
                    .when(new WithdrawMoney(ACCOUNT, 400, "rent", T2))
                    .then(new MoneyWithdrawn(ACCOUNT, 400, "rent", 600, T2));

            assertThat(state.balance()).isEqualTo(600);
            assertThat(state.transactionCount()).isEqualTo(2);
        }

        @Test
        void a_withdrawal_may_use_the_whole_overdraft() {
            var state = given(opened(500), deposited(100, 100))
                    .when(new WithdrawMoney(ACCOUNT, 600, "atm", T2))
                    .then(new MoneyWithdrawn(ACCOUNT, 600, "atm", -500, T2));

            assertThat(state.available()).isZero();
        }

        @Test
        void a_withdrawal_beyond_balance_plus_overdraft_is_rejected_as_insufficient_funds() {
            given(opened(500), deposited(100, 100))
                    .when(new WithdrawMoney(ACCOUNT, 601, "atm", T2))
                    .thenRejectedWith(AccountRule.INSUFFICIENT_FUNDS);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(longs = {0, -1, Long.MIN_VALUE, TEN_POW_12 + 1, Long.MAX_VALUE})
        void an_amount_outside_1_to_10e12_is_rejected_as_invalid_amount(long amount) {
            given(opened(TEN_POW_9), deposited(TEN_POW_12, TEN_POW_15))
                    .when(new WithdrawMoney(ACCOUNT, amount, "wd", T2))
                    .thenRejectedWith(AccountRule.INVALID_AMOUNT);
        }
    }

    @Nested
    class ChangingTheOverdraftLimit {

        @Test
        void raising_the_limit_records_the_previous_and_the_new_limit() {
            var state = given(opened(500))
                    .when(new ChangeOverdraftLimit(ACCOUNT, 2_000, T2))
                    .then(new OverdraftLimitChanged(ACCOUNT, 500, 2_000, T2));

            assertThat(state.overdraftLimit()).isEqualTo(2_000);
            assertThat(state.transactionCount()).isZero();
            assertThat(state.updatedAt()).isEqualTo(T2);
        }

        @Test
        void lowering_the_limit_to_exactly_the_current_debt_is_accepted() {
            given(opened(1_000), withdrawn(700, -700))
                    .when(new ChangeOverdraftLimit(ACCOUNT, 700, T2))
                    .then(new OverdraftLimitChanged(ACCOUNT, 1_000, 700, T2));
        }

        @Test
        void lowering_the_limit_to_zero_with_a_positive_balance_is_accepted() {
            given(opened(1_000), deposited(50, 50))
                    .when(new ChangeOverdraftLimit(ACCOUNT, 0, T2))
                    .then(new OverdraftLimitChanged(ACCOUNT, 1_000, 0, T2));
        }

        @Test
        void setting_the_limit_it_already_has_is_already_satisfied() {
            given(opened(500)).when(new ChangeOverdraftLimit(ACCOUNT, 500, T2)).then();
        }

        @Test
        void lowering_the_limit_below_the_current_debt_is_rejected_as_overdraft_limit_below_debt() {
            given(opened(1_000), withdrawn(700, -700))
                    .when(new ChangeOverdraftLimit(ACCOUNT, 699, T2))
                    .thenRejectedWith(AccountRule.OVERDRAFT_LIMIT_BELOW_DEBT);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(longs = {-1, Long.MIN_VALUE, TEN_POW_9 + 1, Long.MAX_VALUE})
        void a_limit_outside_0_to_10e9_is_rejected_as_invalid_overdraft_limit(long limit) {
            given(opened(500))
                    .when(new ChangeOverdraftLimit(ACCOUNT, limit, T2))
                    .thenRejectedWith(AccountRule.INVALID_OVERDRAFT_LIMIT);
        }
    }

    @Nested
    class FreezingAndUnfreezing {

        @Test
        void freezing_an_open_account_records_the_reason() {
            var state = given(opened(0))
                    .when(new FreezeAccount(ACCOUNT, "court order", T2))
                    .then(new AccountFrozen(ACCOUNT, "court order", T2));

            assertThat(state.status()).isEqualTo(AccountStatus.FROZEN);
            assertThat(state.updatedAt()).isEqualTo(T2);
        }

        @Test
        void freezing_a_frozen_account_is_already_satisfied() {
            given(opened(0), frozen())
                    .when(new FreezeAccount(ACCOUNT, "another reason", T2))
                    .then();
        }

        @Test
        void unfreezing_a_frozen_account_opens_it_again() {
            var state = given(opened(0), frozen())
                    .when(new UnfreezeAccount(ACCOUNT, T2))
                    .then(new AccountUnfrozen(ACCOUNT, T2));

            assertThat(state.status()).isEqualTo(AccountStatus.OPEN);
        }

        @Test
        void unfreezing_an_open_account_is_already_satisfied_rather_than_account_not_frozen() {
            given(opened(0)).when(new UnfreezeAccount(ACCOUNT, T2)).then();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("movementsAndClosing")
        void moving_money_changing_the_limit_or_closing_a_frozen_account_is_rejected_as_account_frozen(
                AccountCommand command) {
            given(opened(500), frozen()).when(command).thenRejectedWith(AccountRule.ACCOUNT_FROZEN);
        }

        static Stream<AccountCommand> movementsAndClosing() {
            return Stream.of(
                    new DepositMoney(ACCOUNT, 100, "dep", T2),
                    new WithdrawMoney(ACCOUNT, 100, "wd", T2),
                    new ChangeOverdraftLimit(ACCOUNT, 1_000, T2),
                    // the limit it already has: being frozen wins over "already satisfied"
                    new ChangeOverdraftLimit(ACCOUNT, 500, T2),
                    // zero balance, so only the freeze stands in the way
                    new CloseAccount(ACCOUNT, T2));
        }
    }

    @Nested
    class Closing {

        @Test
        void an_account_at_zero_can_be_closed() {
            var state = given(opened(500), deposited(100, 100), withdrawn(100, 0))
                    .when(new CloseAccount(ACCOUNT, T2))
                    .then(new AccountClosed(ACCOUNT, T2));

            assertThat(state.status()).isEqualTo(AccountStatus.CLOSED);
            assertThat(state.updatedAt()).isEqualTo(T2);
        }

        @Test
        void an_account_in_credit_cannot_be_closed_non_zero_balance() {
            given(opened(0), deposited(1, 1))
                    .when(new CloseAccount(ACCOUNT, T2))
                    .thenRejectedWith(AccountRule.NON_ZERO_BALANCE);
        }

        @Test
        void an_overdrawn_account_cannot_be_closed_non_zero_balance() {
            given(opened(500), withdrawn(1, -1))
                    .when(new CloseAccount(ACCOUNT, T2))
                    .thenRejectedWith(AccountRule.NON_ZERO_BALANCE);
        }

        @Test
        void closing_a_closed_account_is_already_satisfied() {
            given(opened(0), closed()).when(new CloseAccount(ACCOUNT, T2)).then();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everythingButClosing")
        void any_other_command_on_a_closed_account_is_rejected_as_account_closed(AccountCommand command) {
            given(opened(500), closed()).when(command).thenRejectedWith(AccountRule.ACCOUNT_CLOSED);
        }

        static Stream<AccountCommand> everythingButClosing() {
            return Stream.concat(
                    // even with the very terms it was opened with: a closed account's identifier is never reused
                    Stream.of(new OpenAccount(ACCOUNT, OWNER, EUR, 500, T2)),
                    AccountDeciderTest.commandsOnAnExistingAccount().filter(c -> !(c instanceof CloseAccount)));
        }
    }

    @Nested
    class State {

        @Test
        void a_stream_without_events_does_not_exist() {
            assertThat(DECIDER.initial()).isEqualTo(AccountState.initial());
            assertThat(AccountState.initial().status()).isEqualTo(AccountStatus.NONE);
            assertThat(DECIDER.exists(AccountState.initial())).isFalse();
            assertThat(DECIDER.exists(given(opened(0)).state())).isTrue();
        }

        @Test
        void available_is_the_balance_plus_the_overdraft_limit() {
            assertThat(given(opened(500), deposited(200, 200)).state().available())
                    .isEqualTo(700);
            assertThat(given(opened(500), withdrawn(200, -200)).state().available())
                    .isEqualTo(300);
        }

        @Test
        void the_state_tracks_balance_limit_status_transaction_count_and_last_update() {
            var state = DECIDER.fold(
                    DECIDER.initial(),
                    java.util.List.of(
                            new AccountOpened(ACCOUNT, OWNER, EUR, 500, T0),
                            new MoneyDeposited(ACCOUNT, 1_000, "a", 1_000, T1),
                            new MoneyWithdrawn(ACCOUNT, 1_200, "b", -200, T1),
                            new OverdraftLimitChanged(ACCOUNT, 500, 800, T2),
                            new AccountFrozen(ACCOUNT, "check", T2),
                            new AccountUnfrozen(ACCOUNT, T3),
                            new MoneyDeposited(ACCOUNT, 200, "c", 0, T3),
                            new AccountClosed(ACCOUNT, T3.plusSeconds(1))));

            assertThat(state)
                    .isEqualTo(new AccountState(
                            AccountStatus.CLOSED, ACCOUNT, OWNER, EUR, 0, 800, 3, T0, T3.plusSeconds(1)));
        }

        @Test
        void the_same_command_on_the_same_state_always_yields_the_same_decision() {
            var state = given(opened(500), deposited(100, 100)).state();
            var command = new WithdrawMoney(ACCOUNT, 50, "wd", T2);

            assertThat(DECIDER.decide(command, state)).isEqualTo(new AccountDecider().decide(command, state));
        }

        @Test
        void every_rule_code_is_its_constant_name_because_clients_match_on_it() {
            assertThat(AccountRule.values())
                    .allSatisfy(rule -> assertThat(rule.code()).isEqualTo(rule.name()));
            assertThat(Arrays.stream(AccountRule.values()).map(AccountRule::code))
                    .containsExactly(
                            "ACCOUNT_NOT_FOUND",
                            "ACCOUNT_ALREADY_EXISTS",
                            "INVALID_CURRENCY",
                            "INVALID_AMOUNT",
                            "INSUFFICIENT_FUNDS",
                            "INVALID_OVERDRAFT_LIMIT",
                            "OVERDRAFT_LIMIT_BELOW_DEBT",
                            "ACCOUNT_FROZEN",
                            "ACCOUNT_NOT_FROZEN",
                            "ACCOUNT_CLOSED",
                            "NON_ZERO_BALANCE",
                            "BALANCE_LIMIT_EXCEEDED");
        }
    }
}
