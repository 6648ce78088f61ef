package dev.eventline.accounts.snapshots;

import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStateCodec;
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
 * a warm container, nothing for streams whose last snapshot it remembers; otherwise one snapshot
 * read. A due snapshot then costs what a cold command's load costs (snapshot read, tail query) plus
 * the write. Unlike the command path's best-effort writes, every failure here is thrown: the batch
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
        // The loader must never write (its writes are best effort): the chaser saves itself, so a
        // rewrite threshold no replay can reach. A snapshot the loader ignores is the chaser's to
        // replace, and it does; a snapshot read that failed in the store is thrown, to be retried.
        this.readOnly = new Snapshotting<>(
                snapshots, stateCodec, SnapshotPolicy.never(), Integer.MAX_VALUE, SnapshotChaser::throwStorageFailures);
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
        if (last == null) { // a stream this container has not seen: one snapshot read decides
            last = lastUsableSnapshotVersion(streamId);
            lastSnapshotVersions.put(streamId, last);
        }
        if (highestVersion - last < threshold) {
            return OptionalLong.empty();
        }
        Loaded<AccountState> loaded = loader.load(streamId);
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

    /**
     * The version of the stored snapshot, or 0 when there is none or it could not be used (old
     * schema, unreadable): such a snapshot is replaced as if missing. Storage failures are thrown.
     */
    private long lastUsableSnapshotVersion(String streamId) {
        Optional<Snapshot> found;
        try {
            found = snapshots.load(streamId);
        } catch (SdkException storageFailed) {
            throw storageFailed;
        } catch (RuntimeException unreadableItem) {
            return 0;
        }
        if (found.isEmpty()) {
            return 0;
        }
        try {
            readOnly.stateOf(found.get());
            return found.get().version();
        } catch (IllegalArgumentException oldSchemaOrCorrupt) {
            return 0;
        }
    }

    private static void throwStorageFailures(String streamId, String problem, RuntimeException cause) {
        if (cause instanceof SdkException storageFailed) {
            throw storageFailed;
        }
    }
}
