package dev.eventline.accounts.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.accounts.application.AccountStateCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The time-based strategy against moto: a scheduled run snapshots the accounts active in its window. */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ScheduledSnapshotsHandlerTest {
    private static final AccountStateCodec STATE = new AccountStateCodec();

    private final MutableClock clock = MutableClock.startingNow();
    private final Map<String, String> environment;
    private final AccountHistory history;
    private final DynamoDbEventTableSnapshots snapshots;

    ScheduledSnapshotsHandlerTest(Emulator emulator) {
        this.environment = Map.copyOf(emulator.environmentOf(SnapshotChaserHandler.class));
        String events = environment.get("ACCOUNTS_EVENTS_TABLE");
        this.history = new AccountHistory(new DynamoDbEventStore(emulator.dynamoDb(), events, "unused", clock));
        this.snapshots = new DynamoDbEventTableSnapshots(emulator.dynamoDb(), events);
    }

    private ScheduledSnapshotsHandler handler(Map<String, String> env) {
        LambdaEnvironment lambda = new LambdaEnvironment(env);
        return new ScheduledSnapshotsHandler(lambda, new AwsClients(lambda), clock);
    }

    private Map<String, Object> runNow(ScheduledSnapshotsHandler handler) {
        return handler.handleRequest(Map.of("time", clock.instant().toString()), null);
    }

    private Optional<Snapshot> snapshot(String accountId) {
        return snapshots.load(AccountStreams.streamId(accountId));
    }

    @Test
    void a_run_snapshots_every_account_active_in_its_window_at_its_head() {
        String busy = history.opened(AccountHistory.newAccountId(), 7);
        String quietButNew = history.opened(AccountHistory.newAccountId(), 2);
        clock.advance(Duration.ofMinutes(10));

        runNow(handler(environment));

        assertThat(snapshot(busy).map(Snapshot::version)).contains(7L);
        assertThat(STATE.decode(snapshot(busy).orElseThrow().state()).balance()).isEqualTo(600);
        assertThat(snapshot(quietButNew).map(Snapshot::version)).contains(2L);
    }

    @Test
    void an_account_without_events_since_the_window_began_is_left_alone() {
        String dormant = history.opened(AccountHistory.newAccountId(), 4);
        clock.advance(Duration.ofHours(2));

        runNow(handler(environment));

        assertThat(snapshot(dormant)).isEmpty();
    }

    @Test
    void the_next_run_snapshots_only_what_moved_since() {
        String moved = history.opened(AccountHistory.newAccountId(), 3);
        String still = history.opened(AccountHistory.newAccountId(), 3);
        ScheduledSnapshotsHandler handler = handler(environment);
        runNow(handler);
        history.depositUntil(moved, 3, 5);
        clock.advance(Duration.ofMinutes(30));

        Map<String, Object> second = runNow(handler);

        assertThat(snapshot(moved).map(Snapshot::version)).contains(5L);
        assertThat(snapshot(still).map(Snapshot::version)).contains(3L);
        assertThat(second).containsEntry("snapshots", 1);
    }

    @Test
    void a_storage_failure_fails_the_run_instead_of_being_swallowed() {
        history.opened(AccountHistory.newAccountId(), 3);
        Map<String, String> broken = new HashMap<>(environment);
        broken.put("ACCOUNTS_EVENTS_TABLE", "no-such-table");

        assertThatThrownBy(() -> runNow(handler(broken))).isInstanceOf(RuntimeException.class);
    }
}
