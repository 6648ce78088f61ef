package dev.eventline.eventstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SnapshotStore} must do: one snapshot per stream, the newest wins whoever writes
 * last (the command path and the chaser race), and the head can be rewritten at the same version
 * (how a corrupt or old-schema snapshot is replaced).
 */
public abstract class SnapshotStoreContract {

    protected abstract SnapshotStore store();

    /** The time a snapshot says it was taken; stores keep it as given (to the second at least). */
    private static final Instant TAKEN_AT = Instant.EPOCH.plus(20_000, ChronoUnit.DAYS);

    private static String newStream() {
        return "Snap-" + UUID.randomUUID();
    }

    private static Snapshot snapshot(String stream, long version, String state) {
        return new Snapshot(stream, version, 1, state, TAKEN_AT);
    }

    @Test
    void a_stream_without_a_snapshot_has_none() {
        assertThat(store().load(newStream())).isEmpty();
    }

    @Test
    void a_saved_snapshot_is_loaded_back_as_it_was() {
        String stream = newStream();
        Snapshot saved = new Snapshot(stream, 42, 3, "{\"balance\":1200}", TAKEN_AT);
        store().save(saved);

        assertThat(store().load(stream)).contains(saved);
    }

    @Test
    void a_later_snapshot_replaces_an_earlier_one() {
        String stream = newStream();
        store().save(snapshot(stream, 10, "{\"n\":10}"));
        store().save(snapshot(stream, 20, "{\"n\":20}"));

        assertThat(store().load(stream)).map(Snapshot::version).contains(20L);
    }

    @Test
    void an_older_snapshot_never_replaces_a_newer_one() {
        String stream = newStream();
        store().save(snapshot(stream, 20, "{\"n\":20}"));
        store().save(snapshot(stream, 10, "{\"n\":10}"));

        assertThat(store().load(stream)).map(Snapshot::state).contains("{\"n\":20}");
    }

    @Test
    void the_head_can_be_rewritten_at_the_same_version() {
        String stream = newStream();
        store().save(new Snapshot(stream, 5, 1, "corrupt", TAKEN_AT));
        store().save(new Snapshot(stream, 5, 2, "{\"n\":5}", TAKEN_AT));

        assertThat(store().load(stream)).hasValueSatisfying(s -> {
            assertThat(s.stateSchemaVersion()).isEqualTo(2);
            assertThat(s.state()).isEqualTo("{\"n\":5}");
        });
    }

    @Test
    void streams_keep_their_own_snapshots() {
        String a = newStream();
        String b = newStream();
        store().save(snapshot(a, 3, "{\"s\":\"a\"}"));
        store().save(snapshot(b, 7, "{\"s\":\"b\"}"));

        assertThat(store().load(a)).map(Snapshot::state).contains("{\"s\":\"a\"}");
        assertThat(store().load(b)).map(Snapshot::state).contains("{\"s\":\"b\"}");
    }

    @Test
    void racing_writers_leave_the_newest_snapshot() throws Exception {
        String stream = newStream();
        List<Callable<Void>> writers = new ArrayList<>();
        for (long version = 1; version <= 40; version++) {
            long v = version;
            writers.add(() -> {
                store().save(snapshot(stream, v, "{\"n\":" + v + "}"));
                return null;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Void> done : pool.invokeAll(writers, 2, TimeUnit.MINUTES)) {
                done.get();
            }
        }

        assertThat(store().load(stream)).map(Snapshot::version).contains(40L);
    }
}
