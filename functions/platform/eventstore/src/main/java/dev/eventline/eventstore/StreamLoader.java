package dev.eventline.eventstore;

import dev.eventline.domain.Decider;
import dev.eventline.eventstore.CommandResult.LoadInfo.Source;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.Snapshotting;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Folds a stream into state: from the latest usable snapshot plus the events after it, or from the
 * first event when there is no usable snapshot. A snapshot that is missing, unreadable or written
 * for another state schema is never an error to the caller: it is replayed around and rewritten.
 */
public final class StreamLoader<E, S> {
    private static final Logger LOG = Logger.getLogger(StreamLoader.class.getName());

    private final EventReader store;
    private final EventCodec<E> codec;
    private final Decider<?, E, S> decider;
    private final Optional<Snapshotting<S>> snapshotting;
    private final Clock clock;

    public StreamLoader(EventReader store, EventCodec<E> codec, Decider<?, E, S> decider,
                        Optional<Snapshotting<S>> snapshotting, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.decider = decider;
        this.snapshotting = snapshotting;
        this.clock = clock;
    }

    /**
     * A folded stream.
     *
     * @param snapshotVersion the version of the snapshot it started from, 0 when replayed from the start
     */
    public record Loaded<S>(String streamId, S state, long version, long snapshotVersion, Source source, int eventsRead) {
        Loaded<S> advancedTo(S newState, long newVersion, int moreEventsRead) {
            return new Loaded<>(streamId, newState, newVersion, snapshotVersion, source, eventsRead + moreEventsRead);
        }

        public Loaded<S> fromCache() {
            return new Loaded<>(streamId, state, version, snapshotVersion, Source.CACHE, 0);
        }
    }

    public Loaded<S> load(String streamId) {
        SnapshotLookup lookup = snapshotting.map(config -> lookup(streamId, config)).orElse(SnapshotLookup.NONE);
        Optional<Snapshot> usable = lookup.usable();
        S state = decider.initial();
        long version = 0;
        long snapshotVersion = 0;
        if (usable.isPresent()) {
            Snapshot snapshot = usable.get();
            state = snapshotting.orElseThrow().codec().decode(snapshot.state());
            version = snapshot.version();
            snapshotVersion = snapshot.version();
        }
        Loaded<S> base = new Loaded<>(streamId, state, version, snapshotVersion,
                usable.isPresent() ? Source.SNAPSHOT : Source.REPLAY, 0);
        Loaded<S> loaded = catchUp(base);
        if (usable.isEmpty()) {
            rewriteSnapshotAfterReplay(loaded, lookup.foundUnusable());
        }
        return loaded;
    }

    /** What the snapshot store held: a usable snapshot, nothing, or something that had to be ignored. */
    private record SnapshotLookup(Optional<Snapshot> usable, boolean foundUnusable) {
        static final SnapshotLookup NONE = new SnapshotLookup(Optional.empty(), false);
    }

    /** Applies whatever was appended after {@code loaded.version()}. */
    public Loaded<S> catchUp(Loaded<S> loaded) {
        List<RecordedEvent> events = store.readAfter(loaded.streamId(), loaded.version());
        return apply(loaded, events);
    }

    public Loaded<S> apply(Loaded<S> loaded, List<RecordedEvent> events) {
        S state = loaded.state();
        long version = loaded.version();
        for (RecordedEvent event : events) {
            if (event.version() != version + 1) {
                throw new IllegalStateException("stream " + loaded.streamId() + " has a hole: expected version "
                        + (version + 1) + " but read " + event.version());
            }
            state = decider.evolve(state, codec.decode(event));
            version = event.version();
        }
        return loaded.advancedTo(state, version, events.size());
    }

    /** Writes a snapshot of {@code loaded} (best effort: a failed snapshot write never fails a command). */
    public void saveSnapshot(Loaded<S> loaded) {
        snapshotting.ifPresent(config -> {
            try {
                config.store().save(new Snapshot(loaded.streamId(), loaded.version(), config.codec().schemaVersion(),
                        config.codec().encode(loaded.state()), clock.instant()));
            } catch (RuntimeException e) {
                // The events are committed; a missing snapshot only costs a longer replay next time.
                LOG.log(Level.WARNING, "snapshot write failed for " + loaded.streamId() + " at " + loaded.version(), e);
            }
        });
    }

    private SnapshotLookup lookup(String streamId, Snapshotting<S> config) {
        try {
            Optional<Snapshot> found = config.store().load(streamId);
            if (found.isEmpty()) {
                return SnapshotLookup.NONE;
            }
            Snapshot snapshot = found.get();
            if (snapshot.stateSchemaVersion() != config.codec().schemaVersion()) {
                LOG.info(() -> "ignoring snapshot of " + streamId + ": state schema v" + snapshot.stateSchemaVersion()
                        + ", current is v" + config.codec().schemaVersion());
                return new SnapshotLookup(Optional.empty(), true);
            }
            config.codec().decode(snapshot.state()); // a corrupt snapshot must fail here, not half-way
            return new SnapshotLookup(found, false);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring unreadable snapshot of " + streamId + "; replaying the stream", e);
            return new SnapshotLookup(Optional.empty(), true);
        }
    }

    /**
     * A bad snapshot is replaced at once, however short the stream, so it is not tripped over on every
     * cold load; a missing one only once the replay was long enough to be worth a write.
     */
    private void rewriteSnapshotAfterReplay(Loaded<S> loaded, boolean replacesUnusable) {
        snapshotting.ifPresent(config -> {
            if (loaded.version() > 0 && (replacesUnusable || loaded.eventsRead() >= config.rewriteThreshold())) {
                saveSnapshot(loaded);
            }
        });
    }
}
