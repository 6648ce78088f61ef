package dev.eventline.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.accounts.AccountClosed;
import dev.eventline.accounts.AccountFrozen;
import dev.eventline.accounts.AccountUnfrozen;
import dev.eventline.accounts.MoneyDeposited;
import dev.eventline.accounts.OverdraftLimitChanged;
import dev.eventline.eventstore.snapshot.SnapshotPolicy;
import dev.eventline.lambda.LambdaEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountSnapshotsTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void the_deployed_default_is_the_chaser_with_a_threshold_of_100() {
        AccountSnapshots snapshots = AccountSnapshots.fromEnvironment(new LambdaEnvironment(Map.of()));

        assertThat(snapshots).isEqualTo(new AccountSnapshots(SnapshotStrategy.CHASER, 100));
        assertThat(snapshots.policy().shouldSnapshot(0, 10_000, List.of("AccountClosed")))
                .isFalse();
    }

    @Test
    void the_strategy_and_threshold_come_from_the_environment_in_any_case() {
        LambdaEnvironment env = new LambdaEnvironment(Map.of("SNAPSHOT_STRATEGY", "Count", "SNAPSHOT_THRESHOLD", "25"));

        assertThat(AccountSnapshots.fromEnvironment(env)).isEqualTo(new AccountSnapshots(SnapshotStrategy.COUNT, 25));
    }

    @Test
    void a_misspelt_strategy_fails_the_cold_start_naming_the_variable() {
        LambdaEnvironment env = new LambdaEnvironment(Map.of("SNAPSHOT_STRATEGY", "sometimes"));

        assertThatThrownBy(() -> AccountSnapshots.fromEnvironment(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SNAPSHOT_STRATEGY");
        assertThatThrownBy(() -> new AccountSnapshots(SnapshotStrategy.COUNT, 0))
                .hasMessageContaining("SNAPSHOT_THRESHOLD");
    }

    @Test
    void count_based_snapshots_once_the_threshold_of_events_has_accumulated() {
        SnapshotPolicy count = new AccountSnapshots(SnapshotStrategy.COUNT, 100).policy();

        assertThat(count.shouldSnapshot(0, 99, List.of("MoneyDeposited"))).isFalse();
        assertThat(count.shouldSnapshot(0, 100, List.of("MoneyDeposited"))).isTrue();
        assertThat(count.shouldSnapshot(100, 199, List.of("AccountFrozen"))).isFalse();
    }

    @Test
    void event_triggered_snapshots_after_freezes_limit_changes_and_closes_only() {
        SnapshotPolicy event = new AccountSnapshots(SnapshotStrategy.EVENT, 100).policy();
        AccountEventCodec codec = new AccountEventCodec();

        assertThat(List.of(
                        new AccountFrozen("a", "fraud check", T),
                        new OverdraftLimitChanged("a", 0, 10, T),
                        new AccountClosed("a", T)))
                .allSatisfy(milestone -> assertThat(event.shouldSnapshot(
                                0, 2, List.of(codec.encode(milestone).type())))
                        .isTrue());
        assertThat(List.of(new MoneyDeposited("a", 5, null, 5, T), new AccountUnfrozen("a", T)))
                .allSatisfy(volume -> assertThat(event.shouldSnapshot(
                                0, 10_000, List.of(codec.encode(volume).type())))
                        .isFalse());
    }
}
