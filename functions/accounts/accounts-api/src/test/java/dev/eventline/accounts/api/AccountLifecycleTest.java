package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static dev.eventline.accounts.api.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.http.PathIds;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Every route's happy path, against DynamoDB in the emulator, checked in the response and in the table. */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountLifecycleTest {
    private final AccountsFixture accounts;

    AccountLifecycleTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
    }

    @Test
    void opening_an_account_without_an_id_names_it_and_answers_201_with_its_location() {
        Response opened = accounts.send(event("open-account")).assertCommand(201, 1, "AccountOpened");

        String accountId = opened.accountId();
        assertThat(PathIds.isValid(accountId)).isTrue();
        assertThat(opened.header("Location")).isEqualTo("/accounts/" + accountId);
        assertThat(opened.body().path("ownerId").asText()).isEqualTo("owner-42");
        assertThat(opened.body().path("currency").asText()).isEqualTo("EUR");
        assertThat(opened.body().path("status").asText()).isEqualTo("OPEN");
        assertThat(opened.balance()).isZero();
        assertThat(opened.body().path("overdraftLimit").asLong()).isEqualTo(50_000);
        assertThat(opened.body().path("available").asLong()).isEqualTo(50_000);
        assertThat(accounts.eventTypes(accountId)).containsExactly("AccountOpened");
    }

    @Test
    void a_retried_open_with_the_same_terms_answers_200_and_records_nothing() {
        String accountId = AccountsFixture.newAccountId();
        accounts.send(event("open-account-with-id", accountId)).assertCommand(201, 1, "AccountOpened");

        Response retried =
                accounts.send(event("open-account-with-id", accountId)).assertCommand(200, 1);

        assertThat(retried.header("Location")).isEqualTo("/accounts/" + accountId);
        assertThat(accounts.eventTypes(accountId)).containsExactly("AccountOpened");
    }

    @Test
    void money_moves_and_every_answer_is_the_account_as_it_is_now() {
        String accountId = accounts.open();

        Response deposited = accounts.send(event("deposit", accountId)).assertCommand(200, 2, "MoneyDeposited");
        assertThat(deposited.balance()).isEqualTo(125_000);
        assertThat(deposited.body().path("transactionCount").asLong()).isEqualTo(1);

        Response withdrawn = accounts.send(event("withdraw", accountId)).assertCommand(200, 3, "MoneyWithdrawn");
        assertThat(withdrawn.balance()).isEqualTo(122_500);
        assertThat(withdrawn.body().path("available").asLong()).isEqualTo(122_500);

        Response limited = accounts.send(event("change-overdraft-limit", accountId))
                .assertCommand(200, 4, "OverdraftLimitChanged");
        assertThat(limited.body().path("overdraftLimit").asLong()).isEqualTo(100_000);
        assertThat(limited.body().path("available").asLong()).isEqualTo(222_500);
    }

    @Test
    void the_events_carry_who_asked_and_the_request_they_belong_to() {
        String accountId = accounts.open();
        accounts.send(event("deposit", accountId)).assertCommand(200, 2, "MoneyDeposited");

        RecordedEvent deposit = accounts.events(accountId).getLast();
        assertThat(deposit.metadata().actor()).isEqualTo("user-42");
        assertThat(deposit.metadata().correlationId()).isEqualTo("corr-deposit");
        assertThat(deposit.metadata().occurredAt()).isEqualTo(AccountsFixture.CLOCK.instant());
        assertThat(deposit.data()).contains("\"amount\":125000").contains("salary March");
    }

    @Test
    void a_frozen_account_refuses_money_until_it_is_unfrozen() {
        String accountId = accounts.open();

        Response frozen = accounts.send(event("freeze", accountId)).assertCommand(200, 2, "AccountFrozen");
        assertThat(frozen.body().path("status").asText()).isEqualTo("FROZEN");
        accounts.send(event("deposit", accountId)).assertProblem(422, "unprocessable-content", "ACCOUNT_FROZEN");
        accounts.send(event("freeze", accountId)).assertCommand(200, 2); // already frozen: the first reason stands

        Response unfrozen = accounts.send(event("unfreeze", accountId)).assertCommand(200, 3, "AccountUnfrozen");
        assertThat(unfrozen.body().path("status").asText()).isEqualTo("OPEN");
        accounts.send(event("deposit", accountId)).assertCommand(200, 4, "MoneyDeposited");
    }

    @Test
    void an_account_closes_only_at_a_zero_balance_and_a_repeated_close_is_harmless() {
        String accountId = accounts.open();
        accounts.deposit(accountId, 700).assertCommand(200, 2, "MoneyDeposited");

        accounts.send(event("close", accountId)).assertProblem(422, "unprocessable-content", "NON_ZERO_BALANCE");
        accounts.send(withBody(event("withdraw", accountId), "{\"amount\":700}"))
                .assertCommand(200, 3, "MoneyWithdrawn");

        Response closed = accounts.send(event("close", accountId)).assertCommand(200, 4, "AccountClosed");
        assertThat(closed.body().path("status").asText()).isEqualTo("CLOSED");
        accounts.send(withHeader(withBody(event("close", accountId), "{}"), "Content-Type", "application/json"))
                .assertCommand(200, 4);
        assertThat(accounts.eventTypes(accountId))
                .containsExactly("AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "AccountClosed");
    }

    @Test
    void reading_an_account_gives_its_state_and_version_and_a_304_when_the_client_is_up_to_date() {
        String accountId = accounts.open();
        accounts.send(event("deposit", accountId));

        Response read = accounts.send(event("get-account", accountId));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"2\"");
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.balance()).isEqualTo(125_000);
        assertThat(read.body().path("updatedAt").asText())
                .isEqualTo(AccountsFixture.CLOCK.instant().toString());

        Response notModified = accounts.send(withHeader(event("get-account", accountId), "If-None-Match", "\"2\""));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo("\"2\"");
        assertThat(notModified.rawBody()).isNull();
    }
}
