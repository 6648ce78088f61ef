package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The account balance view is inline: written in the same transaction as the account's events, so a
 * read of {@code GET /accounts/{id}} is one point read, with no fold, and never older than the last
 * command's answer.
 */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InlineBalanceViewTest {
    private final AccountsFixture accounts;

    InlineBalanceViewTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
    }

    @Test
    void every_command_writes_the_view_in_the_transaction_of_its_events() {
        String accountId = accounts.open();
        CapacityMeter meter = new CapacityMeter();
        AccountsApiHandler metered = accounts.newHandler(meter);
        AccountsFixture.send(metered, event("deposit", accountId)).assertCommand(200, 2, "MoneyDeposited");

        assertThat(meter.usage().requestsByOperation()).containsEntry("TransactWriteItems", 1L);
        assertThat(accounts.balanceViewItem(accountId)).hasValueSatisfying(item -> {
            assertThat(item.get("version").n()).isEqualTo("2");
            assertThat(item.get("balance").n()).isEqualTo("125000");
            assertThat(item.get("status").s()).isEqualTo("OPEN");
        });
    }

    @Test
    void reading_an_account_right_after_a_command_is_one_get_item_and_shows_that_command() {
        String accountId = accounts.open();
        Response deposited = accounts.deposit(accountId, 700);

        CapacityMeter meter = new CapacityMeter();
        Response read = AccountsFixture.send(accounts.newHandler(meter), event("get-account", accountId));

        assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
        assertThat(read.header("X-Read-Source")).isEqualTo("inline");
        assertThat(read.version()).isEqualTo(deposited.version());
        assertThat(read.balance()).isEqualTo(deposited.balance()).isEqualTo(700);
        assertThat(read.body().path("available").asLong())
                .isEqualTo(deposited.body().path("available").asLong());
        assertThat(read.body().path("transactionCount").asLong()).isEqualTo(1);
        assertThat(read.body().path("openedAt").asText())
                .isEqualTo(AccountsFixture.CLOCK.instant().toString());
        assertThat(meter.usage().requestsByOperation()).isEqualTo(Map.of("GetItem", 1L));
    }

    @Test
    void an_account_without_a_view_item_is_folded_from_its_events_until_its_next_command_writes_one() {
        String accountId = accounts.open();
        accounts.deposit(accountId, 300);
        accounts.deleteBalanceView(accountId);

        Response folded = accounts.send(event("get-account", accountId));
        assertThat(folded.header("X-Read-Source")).isEqualTo("events");
        assertThat(folded.balance()).isEqualTo(300);

        accounts.deposit(accountId, 200);
        Response inline = accounts.send(event("get-account", accountId));
        assertThat(inline.header("X-Read-Source")).isEqualTo("inline");
        assertThat(inline.balance()).isEqualTo(500);
        assertThat(inline.version()).isEqualTo(3);
    }

    @Test
    void a_refused_command_leaves_the_view_as_it_was() {
        String accountId = accounts.open();
        accounts.deposit(accountId, 100);

        Response refused =
                accounts.send(ApiSamples.withBody(ApiSamples.event("withdraw", accountId), "{\"amount\":100000}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(accounts.balanceViewItem(accountId))
                .hasValueSatisfying(item -> assertThat(item.get("version").n()).isEqualTo("2"));
    }
}
