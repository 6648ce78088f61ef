package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static dev.eventline.accounts.api.ApiSamples.withHeader;
import static dev.eventline.accounts.api.ApiSamples.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.ConsistencyToken;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** If-Match, Idempotency-Key and consistency tokens: the same conventions as the order API. */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConditionalRequestsTest {
    private final AccountsFixture accounts;

    ConditionalRequestsTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
    }

    @Test
    void a_command_with_an_outdated_if_match_is_a_412_naming_the_current_version_and_appends_nothing() {
        String accountId = accounts.open();
        accounts.deposit(accountId, 100);

        Response stale = accounts.send(withHeader(event("withdraw", accountId), "If-Match", "\"1\""));

        stale.assertProblem(412, "precondition-failed");
        assertThat(stale.body().path("currentVersion").asLong()).isEqualTo(2);
        assertThat(stale.header("ETag")).isEqualTo("\"2\"");
        assertThat(accounts.eventTypes(accountId)).containsExactly("AccountOpened", "MoneyDeposited");
    }

    @Test
    void a_command_with_the_current_if_match_or_a_star_goes_through() {
        String accountId = accounts.open();

        accounts.send(withHeader(event("deposit", accountId), "If-Match", "\"1\""))
                .assertCommand(200, 2, "MoneyDeposited");
        accounts.send(withHeader(event("deposit", accountId), "If-Match", "W/\"2\""))
                .assertCommand(200, 3, "MoneyDeposited");
        accounts.send(withHeader(event("deposit", accountId), "If-Match", "*")).assertCommand(200, 4, "MoneyDeposited");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_replays_the_first_answer_and_moves_the_money_once() {
        String accountId = accounts.open();
        var deposit = withHeader(event("deposit", accountId), "Idempotency-Key", "dep-" + accountId);

        Response first = accounts.send(deposit).assertCommand(200, 2, "MoneyDeposited");
        Response retry = accounts.send(withHeader(event("deposit", accountId), "Idempotency-Key", "dep-" + accountId));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.rawBody()).isEqualTo(first.rawBody());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header(ConsistencyToken.HEADER)).isEqualTo(first.header(ConsistencyToken.HEADER));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(accounts.eventTypes(accountId)).containsExactly("AccountOpened", "MoneyDeposited");
    }

    @Test
    void a_retried_open_without_an_account_id_replays_the_account_it_created() {
        long before = accounts.eventCount();
        String key = "open-" + AccountsFixture.newAccountId();

        Response first = accounts.send(withHeader(event("open-account"), "Idempotency-Key", key))
                .assertCommand(201, 1, "AccountOpened");
        Response retry = accounts.send(withHeader(event("open-account"), "Idempotency-Key", key));

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(accounts.eventCount()).isEqualTo(before + 1);
    }

    @Test
    void an_idempotency_key_reused_for_another_request_is_a_422_and_appends_nothing() {
        String accountId = accounts.open();
        String key = "reused-" + accountId;
        accounts.send(withHeader(event("deposit", accountId), "Idempotency-Key", key))
                .assertCommand(200, 2, "MoneyDeposited");

        Response other = accounts.send(
                withHeader(withBody(event("deposit", accountId), "{\"amount\":1}"), "Idempotency-Key", key));

        other.assertProblem(422, "unprocessable-content", "IDEMPOTENCY_KEY_REUSED");
        assertThat(accounts.eventTypes(accountId)).containsExactly("AccountOpened", "MoneyDeposited");
    }

    @Test
    void idempotency_keys_are_stored_in_the_accounts_scope_of_the_caller() {
        String accountId = accounts.open();
        String key = "scoped-" + accountId;

        accounts.send(withHeader(event("deposit", accountId), "Idempotency-Key", key))
                .assertCommand(200, 2, "MoneyDeposited");

        // the samples' caller is user-42: <scope><length of sub>:<sub>:<key>
        assertThat(accounts.idempotencyItem("accounts:7:user-42:" + key)).isPresent();
        assertThat(accounts.idempotencyItem("accounts:" + key)).isEmpty();
        assertThat(accounts.idempotencyItem(key)).isEmpty();
    }

    @Test
    void a_read_with_the_token_of_the_last_write_sees_that_write() {
        String accountId = accounts.open();
        Response deposited = accounts.deposit(accountId, 250);

        Response read = accounts.send(withHeader(
                event("get-account", accountId), ConsistencyToken.HEADER, deposited.header(ConsistencyToken.HEADER)));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.balance()).isEqualTo(250);
    }

    @Test
    void a_token_of_another_account_is_400() {
        String accountId = accounts.open();
        String other = accounts.open();
        String otherToken = accounts.deposit(other, 5).header(ConsistencyToken.HEADER);

        Response read = accounts.send(withHeader(event("get-account", accountId), ConsistencyToken.HEADER, otherToken));

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.body().path("header").asText()).isEqualTo(ConsistencyToken.HEADER);
        assertThat(read.body().path("detail").asText()).contains("another resource");
    }

    @Test
    void a_raised_or_unsigned_token_is_400() {
        String accountId = accounts.open();
        String token = accounts.deposit(accountId, 5).header(ConsistencyToken.HEADER);
        String raised = token.replace("@2.", "@9000.");
        String unsigned = "Account-" + accountId + "@2";

        for (String forged : java.util.List.of(raised, unsigned)) {
            Response read = accounts.send(withHeader(event("get-account", accountId), ConsistencyToken.HEADER, forged));

            assertThat(read.status()).as(forged).isEqualTo(400);
            assertThat(read.body().path("header").asText()).isEqualTo(ConsistencyToken.HEADER);
        }
    }

    @Test
    void min_version_is_met_by_any_written_version_and_a_version_never_written_is_a_412() {
        String accountId = accounts.open();
        accounts.deposit(accountId, 5);

        assertThat(accounts.send(withQuery(event("get-account", accountId), Map.of("minVersion", "2")))
                        .status())
                .isEqualTo(200);
        Response ahead = accounts.send(withQuery(event("get-account", accountId), Map.of("minVersion", "3")));
        ahead.assertProblem(412, "precondition-failed");
        assertThat(ahead.body().path("currentVersion").asLong()).isEqualTo(2);
    }
}
