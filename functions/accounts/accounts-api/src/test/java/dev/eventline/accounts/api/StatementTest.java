package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static dev.eventline.accounts.api.ApiSamples.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The statement: money movements only, oldest first, paged with a cursor ({@code s1.<version>}). */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StatementTest {
    private final AccountsFixture accounts;

    StatementTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
    }

    /** v1 opened, v2-v4 deposits, v5 frozen, v6 unfrozen, v7 withdrawal. */
    private String accountWithHistory() {
        String accountId = accounts.open();
        accounts.deposit(accountId, 100);
        accounts.deposit(accountId, 200);
        accounts.send(withBody(event("deposit", accountId), "{\"amount\":300,\"reference\":\"rent share\"}"));
        accounts.send(event("freeze", accountId));
        accounts.send(event("unfreeze", accountId));
        accounts.send(withBody(event("withdraw", accountId), "{\"amount\":50,\"reference\":\"card 4242\"}"));
        return accountId;
    }

    @Test
    void a_page_holds_the_money_movements_with_their_running_balance() {
        String accountId = accountWithHistory();

        Response page = accounts.send(withQuery(event("get-statement", accountId), Map.of("limit", "10")));

        assertThat(page.status()).isEqualTo(200);
        JsonNode lines = page.body().path("lines");
        assertThat(lines).extracting(line -> line.path("version").asLong()).containsExactly(2L, 3L, 4L, 7L);
        assertThat(lines)
                .extracting(line -> line.path("type").asText())
                .containsExactly("DEPOSIT", "DEPOSIT", "DEPOSIT", "WITHDRAWAL");
        assertThat(lines)
                .extracting(line -> line.path("balanceAfter").asLong())
                .containsExactly(100L, 300L, 600L, 550L);
        assertThat(lines.get(2).path("reference").asText()).isEqualTo("rent share");
        assertThat(lines.get(3).path("amount").asLong()).isEqualTo(50);
        assertThat(lines.get(3).path("date").asText())
                .isEqualTo(AccountsFixture.CLOCK.instant().toString());
        assertThat(lines.get(0).path("reference").isNull()).isTrue();
        assertThat(page.body().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void the_cursor_continues_where_the_page_ended_and_skips_events_that_move_no_money() {
        String accountId = accountWithHistory();

        Response first = accounts.send(event("get-statement", accountId)); // limit=2
        assertThat(first.body().path("lines"))
                .extracting(line -> line.path("version").asLong())
                .containsExactly(2L, 3L);
        String cursor = first.body().path("nextCursor").asText();
        assertThat(cursor).isNotBlank();

        Response second =
                accounts.send(withQuery(event("get-statement", accountId), Map.of("limit", "2", "cursor", cursor)));
        assertThat(second.body().path("lines"))
                .extracting(line -> line.path("version").asLong())
                .containsExactly(4L, 7L);
        assertThat(second.body().path("nextCursor").isNull()).isTrue();
    }

    @Test
    void a_cursor_only_says_where_to_start_in_the_account_of_the_path() {
        String accountId = accountWithHistory();
        String cursor = accounts.send(event("get-statement", accountId))
                .body()
                .path("nextCursor")
                .asText();
        String other = accounts.open();
        accounts.deposit(other, 10);
        accounts.deposit(other, 20);
        accounts.deposit(other, 30);
        accounts.deposit(other, 40);

        assertThat(cursor).isEqualTo("s1.3");
        Response there = accounts.send(withQuery(event("get-statement", other), Map.of("cursor", cursor)));
        assertThat(there.body().path("accountId").asText()).isEqualTo(other);
        assertThat(there.body().path("lines"))
                .extracting(line -> line.path("amount").asLong())
                .containsExactly(30L, 40L);
        for (String edited :
                new String[] {"not-a-cursor", "s1.0", "s1.-3", "s1.03", "s1.1000000000000000000", "czEuMw"}) {
            accounts.send(withQuery(event("get-statement", accountId), Map.of("cursor", edited)))
                    .assertInvalidField("cursor");
        }
    }

    @Test
    void a_page_reads_a_bounded_number_of_events_however_few_of_them_move_money() {
        String accountId = accountWithHistory(); // v1 opened, v2-v4 deposits, v5-v6 freeze and unfreeze, v7 withdrawal
        AccountStatement statement = accounts.statement(2);

        var first = statement.page(accountId, 3, 200);
        var second = statement.page(accountId, 5, 200);

        assertThat(first.path("lines"))
                .extracting(line -> line.path("version").asLong())
                .containsExactly(4L);
        assertThat(first.path("nextCursor").asText()).isEqualTo("s1.5");
        assertThat(second.path("lines"))
                .extracting(line -> line.path("version").asLong())
                .containsExactly(7L);
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void a_new_account_has_an_empty_statement() {
        String accountId = accounts.open();

        Response page = accounts.send(event("get-statement", accountId));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().path("lines")).isEmpty();
        assertThat(page.body().path("nextCursor").isNull()).isTrue();
    }
}
