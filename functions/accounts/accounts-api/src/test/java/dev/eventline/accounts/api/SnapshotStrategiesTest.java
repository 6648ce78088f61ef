package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.accounts.application.AccountSnapshots;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Which commands write a snapshot under each strategy (threshold 5), through the deployed handler. */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SnapshotStrategiesTest {
    private final Emulator emulator;

    SnapshotStrategiesTest(Emulator emulator) {
        this.emulator = emulator;
    }

    private AccountsFixture withStrategy(String strategy) {
        return AccountsFixture.start(
                emulator,
                Map.of(AccountSnapshots.STRATEGY_VARIABLE, strategy, AccountSnapshots.THRESHOLD_VARIABLE, "5"));
    }

    @Test
    void count_based_writes_a_snapshot_every_5_events_on_the_command_path() {
        AccountsFixture accounts = withStrategy("count");
        String accountId = accounts.open();

        depositUntil(accounts, accountId, 4);
        assertThat(snapshotVersion(accounts, accountId)).isEmpty();
        depositUntil(accounts, accountId, 5);
        assertThat(snapshotVersion(accounts, accountId)).contains(5L);
        depositUntil(accounts, accountId, 9);
        assertThat(snapshotVersion(accounts, accountId)).contains(5L);
        depositUntil(accounts, accountId, 10);
        assertThat(snapshotVersion(accounts, accountId)).contains(10L);
    }

    @Test
    void count_based_keeps_a_cold_command_under_the_threshold_of_events_read() {
        AccountsFixture accounts = withStrategy("count");
        String accountId = accounts.open();
        depositUntil(accounts, accountId, 13); // snapshot at 10, three events after it

        CapacityMeter meter = new CapacityMeter();
        AccountsFixture.send(accounts.newHandler(meter), event("deposit", accountId))
                .assertCommand(200, 14, "MoneyDeposited");

        CapacityMeter.Usage usage = meter.usage();
        assertThat(usage.requestsByOperation())
                .as("one read from the head of the stream finds snapshot and tail; the event and the inline"
                        + " balance view in one transaction")
                .containsOnly(Map.entry("Query", 1L), Map.entry("TransactWriteItems", 1L));
        assertThat(usage.itemsRead())
                .as("one page of at most the threshold + 1 items: 3 events, the snapshot, 2 more")
                .isEqualTo(6);
    }

    @Test
    void event_triggered_writes_a_snapshot_after_freezes_limit_changes_and_closes_only() {
        AccountsFixture accounts = withStrategy("event");
        String accountId = accounts.open();

        depositUntil(accounts, accountId, 7);
        assertThat(snapshotVersion(accounts, accountId))
                .as("deposits are no milestone")
                .isEmpty();
        accounts.send(event("freeze", accountId)).assertCommand(200, 8, "AccountFrozen");
        assertThat(snapshotVersion(accounts, accountId)).contains(8L);
        accounts.send(event("unfreeze", accountId)).assertCommand(200, 9, "AccountUnfrozen");
        assertThat(snapshotVersion(accounts, accountId)).contains(8L);
        accounts.send(event("change-overdraft-limit", accountId)).assertCommand(200, 10, "OverdraftLimitChanged");
        assertThat(snapshotVersion(accounts, accountId)).contains(10L);
        accounts.send(withBody(event("withdraw", accountId), "{\"amount\":" + 6 * 100 + "}"))
                .assertCommand(200, 11, "MoneyWithdrawn");
        accounts.send(event("close", accountId)).assertCommand(200, 12, "AccountClosed");
        assertThat(snapshotVersion(accounts, accountId)).contains(12L);
    }

    @Test
    void chaser_never_writes_a_snapshot_on_the_command_path() {
        AccountsFixture accounts = withStrategy("chaser");
        String accountId = accounts.open();

        depositUntil(accounts, accountId, 12);

        assertThat(snapshotVersion(accounts, accountId)).isEmpty();
    }

    /** Deposits 100 at a time until the stream is at {@code version}. */
    private static void depositUntil(AccountsFixture accounts, String accountId, long version) {
        long current = accounts.events(accountId).size();
        while (current < version) {
            accounts.deposit(accountId, 100).assertCommand(200, ++current, "MoneyDeposited");
        }
    }

    private static Optional<Long> snapshotVersion(AccountsFixture accounts, String accountId) {
        return accounts.snapshot(accountId).map(Snapshot::version);
    }
}
