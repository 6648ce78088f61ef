package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static dev.eventline.accounts.api.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.accounts.projector.AccountProjectionHandler;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamTail;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The accounts lists, read from the read models the real accounts projector builds from the events
 * table's stream; an owner's list honours the consistency tokens of the caller's recent commands.
 */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountListsTest {
    private final AccountsFixture accounts;
    private final StreamTail tail;
    private final AccountProjectionHandler projector;
    private final String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);

    AccountListsTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
        tail = new StreamTail(
                emulator.streams(), emulator.resources().streamArn(accounts.table(AccountsEnvironment.EVENTS_TABLE)));
        tail.skipToEnd();
        LambdaEnvironment env = new LambdaEnvironment(emulator.environmentOf(AccountProjectionHandler.class));
        projector = new AccountProjectionHandler(env, new AwsClients(env), AccountsFixture.CLOCK);
    }

    private void project() {
        StreamEvent batch = SdkRecords.toStreamEvent(tail.poll(), tail.streamArn());
        assertThat(projector.handleRequest(batch, null).batchItemFailures()).isEmpty();
    }

    private Response open(String accountId) {
        Response opened = accounts.send(withBody(
                event("open-account-with-id", accountId),
                "{\"accountId\":\"" + accountId + "\",\"ownerId\":\"" + owner + "\",\"currency\":\"EUR\"}"));
        assertThat(opened.status()).as(opened.rawBody()).isEqualTo(201);
        return opened;
    }

    private HttpApiEvent ownerList() {
        HttpApiEvent get = event("get-account", "unused");
        String path = "/owners/" + owner + "/accounts";
        return get.withPath(path);
    }

    private HttpApiEvent history(String accountId) {
        HttpApiEvent get = event("get-account", accountId);
        String path = "/accounts/" + accountId + "/balance-history";
        return get.withPath(path);
    }

    private static List<String> ids(Response list) {
        List<String> ids = new ArrayList<>();
        list.body().get("accounts").forEach(a -> ids.add(a.get("accountId").asText()));
        return ids;
    }

    @Test
    void an_owners_accounts_and_an_accounts_daily_balances_come_from_the_projection() {
        String first = "a1-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "a2-" + UUID.randomUUID().toString().substring(0, 8);
        open(first);
        open(second);
        accounts.deposit(first, 400);
        project();

        Response list = accounts.send(ownerList());
        Response days = accounts.send(history(first));

        assertThat(list.status()).as(list.rawBody()).isEqualTo(200);
        assertThat(list.header("X-Read-Source")).isEqualTo("projection");
        assertThat(ids(list)).containsExactly(first, second);
        assertThat(list.body().at("/accounts/0/balance").asLong()).isEqualTo(400);
        assertThat(days.status()).as(days.rawBody()).isEqualTo(200);
        assertThat(days.body().get("days")).hasSize(1);
        assertThat(days.body().at("/days/0/closingBalance").asLong()).isEqualTo(400);
        assertThat(days.body().at("/days/0/day").asText())
                .isEqualTo(AccountsFixture.CLOCK.instant().toString().substring(0, 10));
    }

    @Test
    void an_account_opened_a_moment_ago_is_on_its_owners_list_when_its_token_is_sent() {
        String projected = "a1-" + UUID.randomUUID().toString().substring(0, 8);
        open(projected);
        project();
        String fresh = "a2-" + UUID.randomUUID().toString().substring(0, 8);
        String token = open(fresh).header(ConsistencyToken.HEADER);
        Response deposited = accounts.deposit(projected, 250);

        Response without = accounts.send(ownerList());
        Response with = accounts.send(withHeader(
                ownerList(), ConsistencyToken.HEADER, token + "," + deposited.header(ConsistencyToken.HEADER)));

        assertThat(ids(without)).containsExactly(projected);
        assertThat(without.body().at("/accounts/0/balance").asLong()).isZero();
        assertThat(with.header("X-Read-Source")).isEqualTo("merged");
        assertThat(ids(with)).containsExactly(projected, fresh);
        assertThat(with.body().at("/accounts/0/balance").asLong()).isEqualTo(250);
        assertThat(with.body().at("/accounts/0/version").asLong()).isEqualTo(2);
    }

    @Test
    void more_than_ten_tokens_or_a_cursor_of_another_form_are_a_400() {
        String eleven =
                IntStream.range(0, 11).mapToObj(i -> "Account-x" + i + "@1").collect(Collectors.joining(","));

        Response tooMany = accounts.send(withHeader(ownerList(), ConsistencyToken.HEADER, eleven));
        HttpApiEvent history = history("acc-1");
        HttpApiEvent badCursor = history.withQuery(Map.of("cursor", "s1.3"), history.rawQueryString());
        Response cursor = accounts.send(badCursor);

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(cursor.status()).isEqualTo(400);
    }
}
