package dev.eventline.accounts.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountStateCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The chaser's decision, over the in-memory event store: when it reads, when it writes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SnapshotChaserTest {
    private static final Clock CLOCK = Clock.fixed(AccountHistory.T, ZoneOffset.UTC);

    private final InMemoryEventStore events = new InMemoryEventStore(CLOCK);
    private final CountingSnapshots snapshots = new CountingSnapshots();
    private final AccountHistory history = new AccountHistory(events);
    private final SnapshotChaser chaser = new SnapshotChaser(events, snapshots, 5, CLOCK);

    @Test
    void it_snapshots_at_the_version_it_loaded_which_may_be_past_the_one_it_was_told() {
        String accountId = history.opened(AccountHistory.newAccountId(), 9);

        assertThat(chaser.chase(stream(accountId), 6)).isEqualTo(OptionalLong.of(9));
        assertThat(snapshots.saved.get(stream(accountId)).version()).isEqualTo(9);
    }

    @Test
    void a_warm_chaser_remembers_its_last_snapshot_and_reads_nothing_until_the_next_is_due() {
        String accountId = history.opened(AccountHistory.newAccountId(), 5);
        chaser.chase(stream(accountId), 5);
        int readsAfterFirst = snapshots.loads;

        history.depositUntil(accountId, 5, 9);
        assertThat(chaser.chase(stream(accountId), 9)).isEmpty();
        assertThat(snapshots.loads).isEqualTo(readsAfterFirst);

        history.depositUntil(accountId, 9, 10);
        assertThat(chaser.chase(stream(accountId), 10)).isEqualTo(OptionalLong.of(10));
    }

    @Test
    void nothing_is_written_when_another_writer_snapshotted_since_the_chaser_last_looked() {
        String accountId = history.opened(AccountHistory.newAccountId(), 5);
        chaser.chase(stream(accountId), 5);
        history.depositUntil(accountId, 5, 10);
        snapshots.save(new Snapshot(
                stream(accountId),
                9,
                new AccountStateCodec().schemaVersion(),
                new AccountStateCodec().encode(AccountState.initial()),
                AccountHistory.T)); // e.g. a replay's rewrite

        assertThat(chaser.chase(stream(accountId), 10)).isEmpty();
        assertThat(snapshots.saved.get(stream(accountId)).version()).isEqualTo(9);
    }

    @Test
    void a_failed_snapshot_write_is_thrown_not_swallowed() {
        String accountId = history.opened(AccountHistory.newAccountId(), 5);
        snapshots.failWrites = true;

        assertThatThrownBy(() -> chaser.chase(stream(accountId), 5)).hasMessageContaining("throttled");
    }

    private static String stream(String accountId) {
        return AccountStreams.streamId(accountId);
    }

    /** Keeps the latest snapshot per stream and counts reads. */
    private static final class CountingSnapshots implements SnapshotStore {
        final Map<String, Snapshot> saved = new HashMap<>();
        int loads;
        boolean failWrites;

        @Override
        public Optional<Snapshot> load(String streamId) {
            loads++;
            return Optional.ofNullable(saved.get(streamId));
        }

        @Override
        public void save(Snapshot snapshot) {
            if (failWrites) {
                throw new IllegalStateException("throttled");
            }
            saved.merge(snapshot.streamId(), snapshot, (old, now) -> now.version() > old.version() ? now : old);
        }
    }
}
