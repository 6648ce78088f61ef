package dev.eventline.accounts.snapshots;

import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStateCodec;
import dev.eventline.eventstore.CommandResult.LoadInfo.Source;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.StreamLoader;
import dev.eventline.eventstore.StreamLoader.Loaded;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotPolicy;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import dev.eventline.eventstore.snapshot.Snapshotting;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Keeps account snapshots within {@code threshold} events of the head, off the command path: told
 * the highest version a stream has reached, it snapshots when that is at least {@code threshold}
 * past the last usable snapshot, by loading snapshot plus tail (or replaying, when the snapshot is
 * unusable) and saving the state at the version it loaded.
 *
 * <p>Deciding costs nothing for short streams (a version below the threshold cannot be due) and, in
 * a warm container, nothing for streams whose last snapshot it remembers; otherwise one load, what a
 * cold command's load costs (with snapshots beside the events: one read from the head of the stream).
 * A due snapshot then costs the write. Unlike the command path's best-effort writes, every failure here is thrown: the batch
 * reports it and Lambda retries, so a snapshot that should exist is never silently missing.
 */
public final class SnapshotChaser {
    /** Streams whose last snapshot version a warm container remembers. */
    static final int REMEMBERED_STREAMS = 10_000;

    private final SnapshotStore snapshots;
    private final AccountStateCodec stateCodec = new AccountStateCodec();
    private final Snapshotting<AccountState> readOnly;
    private final StreamLoader<AccountEvent, AccountState> loader;
    private final int threshold;
    private final Clock clock;
    private final Map<String, Long> lastSnapshotVersions = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_STREAMS;
        }
    };

    public SnapshotChaser(EventReader events, SnapshotStore snapshots, int threshold, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        this.snapshots = snapshots;
        this.threshold = threshold;
        this.clock = clock;
        // The loader writes only what the chaser would write next (a replay of at least the threshold,
        // or around an unusable snapshot), and every failure to read or write in the store is thrown, to
        // be retried: its best-effort writes are not best effort here.
        this.readOnly = new Snapshotting<>(
                snapshots, stateCodec, SnapshotPolicy.never(), threshold, SnapshotChaser::throwStorageFailures);
        this.loader = new StreamLoader<>(
                events, new AccountEventCodec(), AccountDecider.INSTANCE, Optional.of(readOnly), clock);
    }

    public int threshold() {
        return threshold;
    }

    /**
     * @param highestVersion the highest version of {@code streamId} seen (in a stream batch)
     * @return the version of the snapshot written, or empty when none was due
     * @throws RuntimeException when reading or writing failed: nothing may be acknowledged then
     */
    public synchronized OptionalLong chase(String streamId, long highestVersion) {
        if (highestVersion < threshold) {
            return OptionalLong.empty(); // version − last ≥ threshold needs version ≥ threshold
        }
        Long last = lastSnapshotVersions.get(streamId);
        if (last != null && highestVersion - last < threshold) {
            return OptionalLong.empty();
        }
        // a stream this container has not seen, or one that is due: one load tells where its snapshot is
        Loaded<AccountState> loaded = loader.load(streamId);
        if (loaded.version() > 0
                && loaded.snapshotVersion() == loaded.version()
                && (loaded.source() == Source.REPLAY || loaded.eventsRead() > 0)) {
            // the load read at least the threshold (a replay, or a tail that long) and wrote the snapshot itself
            lastSnapshotVersions.put(streamId, loaded.version());
            return OptionalLong.of(loaded.version());
        }
        if (loaded.version() - loaded.snapshotVersion() < threshold) {
            // another writer (a replay's rewrite, another chaser) snapshotted since: nothing is due
            lastSnapshotVersions.put(streamId, loaded.snapshotVersion());
            return OptionalLong.empty();
        }
        snapshots.save(new Snapshot(
                streamId,
                loaded.version(),
                stateCodec.schemaVersion(),
                stateCodec.encode(loaded.state()),
                clock.instant()));
        lastSnapshotVersions.put(streamId, loaded.version());
        return OptionalLong.of(loaded.version());
    }

    private static void throwStorageFailures(String streamId, String problem, RuntimeException cause) {
        if (cause instanceof SdkException storageFailed) {
            throw storageFailed;
        }
    }
}
