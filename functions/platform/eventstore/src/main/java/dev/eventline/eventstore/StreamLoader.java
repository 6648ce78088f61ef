package dev.eventline.eventstore;

import dev.eventline.domain.Decider;
import dev.eventline.eventstore.CommandResult.LoadInfo.Source;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.snapshot.CoLocatedSnapshots;
import dev.eventline.eventstore.snapshot.CoLocatedSnapshots.Head;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.Snapshotting;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Loads a stream's state: the latest usable snapshot plus the events after it, or every event when
 * there is no usable snapshot, folded by {@link StreamFold}. A snapshot that is missing, unreadable or
 * written for another state schema is never an error to the caller: it is replayed around, rewritten,
 * and reported to {@link Snapshotting#problems()}.
 */
public final class StreamLoader<E, S> {
    private final EventReader store;
    private final StreamFold<E, S> fold;
    private final Optional<Snapshotting<S>> snapshotting;
    private final Clock clock;

    public StreamLoader(
            EventReader store,
            EventCodec<E> codec,
            Decider<?, E, S> decider,
            Optional<Snapshotting<S>> snapshotting,
            Clock clock) {
        this.store = store;
        this.fold = new StreamFold<>(codec, decider);
        this.snapshotting = snapshotting;
        this.clock = clock;
    }

    /**
     * A loaded stream.
     *
     * @param snapshotVersion the version of the snapshot it started from, 0 when replayed from the start
     * @param eventsRead      the events read from the store to get here
     */
    public record Loaded<S>(
            String streamId, S state, long version, long snapshotVersion, Source source, int eventsRead) {

        public Loaded<S> fromCache() {
            return new Loaded<>(streamId, state, version, snapshotVersion, Source.CACHE, 0);
        }

        /** Where a fold of the events after this one starts. */
        Folded<S> folded() {
            return Folded.at(streamId, state, version);
        }

        Loaded<S> advancedTo(Folded<S> further) {
            return new Loaded<>(
                    streamId,
                    further.state(),
                    further.version(),
                    snapshotVersion,
                    source,
                    eventsRead + further.eventsFolded());
        }

        /** After an append of its own: the state it decided, at the version the store gave. */
        Loaded<S> appended(S newState, long newVersion) {
            return new Loaded<>(streamId, newState, newVersion, snapshotVersion, source, eventsRead);
        }

        /** After a snapshot of this state was written. */
        Loaded<S> snapshotted() {
            return new Loaded<>(streamId, state, version, version, source, eventsRead);
        }
    }

    /** The stream as it is now: the events are read consistently. */
    public Loaded<S> load(String streamId) {
        return load(streamId, false);
    }

    /**
     * The stream, possibly missing its newest events ({@link EventReader#readAfterPossiblyStale}):
     * for a decision whose append is conditional on the version loaded. Whatever is answered without
     * an append (a refusal, "nothing to do") must be confirmed on {@link #catchUp}.
     */
    public Loaded<S> loadPossiblyStale(String streamId) {
        return load(streamId, true);
    }

    private Loaded<S> load(String streamId, boolean possiblyStale) {
        if (snapshotting.isPresent() && snapshotting.get().store() instanceof CoLocatedSnapshots beside) {
            return loadFromHead(streamId, snapshotting.get(), beside, possiblyStale);
        }
        SnapshotLookup<S> lookup =
                snapshotting.map(config -> lookup(streamId, config)).orElse(SnapshotLookup.none());
        Folded<S> start = lookup.usable().orElseGet(() -> fold.initial(streamId));
        Loaded<S> base = new Loaded<>(
                streamId,
                start.state(),
                start.version(),
                start.version(),
                lookup.usable().isPresent() ? Source.SNAPSHOT : Source.REPLAY,
                0);
        Loaded<S> loaded =
                possiblyStale ? apply(base, store.readAfterPossiblyStale(streamId, base.version())) : catchUp(base);
        return lookup.usable().isEmpty() ? rewriteSnapshotAfterReplay(loaded, lookup.foundUnusable()) : loaded;
    }

    /** The state of a stream that is not read because it cannot exist yet: version 0, nothing read. */
    public Loaded<S> assumedNew(String streamId) {
        Folded<S> initial = fold.initial(streamId);
        return new Loaded<>(streamId, initial.state(), initial.version(), 0, Source.NONE, 0);
    }

    /**
     * One read from the head of the stream back to its newest snapshot: the snapshot and the events
     * after it arrive together. A snapshot that cannot be used is replayed around (and replaced), as
     * with a separate snapshot store.
     */
    private Loaded<S> loadFromHead(
            String streamId, Snapshotting<S> config, CoLocatedSnapshots beside, boolean possiblyStale) {
        Head head;
        try {
            head = beside.readHead(streamId, config.headPageSize(), !possiblyStale);
        } catch (IllegalArgumentException unreadable) {
            config.problems().report(streamId, "snapshot unreadable, ignored: replaying the stream", unreadable);
            return replayAndRewrite(streamId, possiblyStale, true);
        }
        if (head.snapshot().isEmpty()) { // the head reached the start: the events are the whole stream
            Folded<S> start = fold.initial(streamId);
            Loaded<S> loaded = apply(
                    new Loaded<>(streamId, start.state(), start.version(), 0, Source.REPLAY, 0), head.eventsAfter());
            return rewriteSnapshotAfterReplay(loaded, false);
        }
        Snapshot snapshot = head.snapshot().get();
        S state;
        try {
            state = config.stateOf(snapshot);
        } catch (IllegalArgumentException unusable) {
            config.problems().report(streamId, "snapshot ignored: replaying the stream", unusable);
            return replayAndRewrite(streamId, possiblyStale, true);
        }
        Loaded<S> loaded = apply(
                new Loaded<>(streamId, state, snapshot.version(), snapshot.version(), Source.SNAPSHOT, 0),
                head.eventsAfter());
        // whatever the strategy, a tail of N events is not read twice: the next load starts here
        return loaded.eventsRead() >= config.rewriteThreshold() && saveSnapshot(loaded) ? loaded.snapshotted() : loaded;
    }

    private Loaded<S> replayAndRewrite(String streamId, boolean possiblyStale, boolean replacesUnusable) {
        Folded<S> start = fold.initial(streamId);
        Loaded<S> base = new Loaded<>(streamId, start.state(), start.version(), 0, Source.REPLAY, 0);
        Loaded<S> loaded = possiblyStale ? apply(base, store.readAfterPossiblyStale(streamId, 0)) : catchUp(base);
        return rewriteSnapshotAfterReplay(loaded, replacesUnusable);
    }

    /** What the snapshot store held: a usable snapshot, nothing, or something that had to be ignored. */
    private record SnapshotLookup<S>(Optional<Folded<S>> usable, boolean foundUnusable) {
        static <S> SnapshotLookup<S> none() {
            return new SnapshotLookup<>(Optional.empty(), false);
        }

        static <S> SnapshotLookup<S> unusable() {
            return new SnapshotLookup<>(Optional.empty(), true);
        }
    }

    /** Applies whatever was appended after {@code loaded.version()}. */
    public Loaded<S> catchUp(Loaded<S> loaded) {
        return apply(loaded, store.readAfter(loaded.streamId(), loaded.version()));
    }

    /** @throws UnfoldableEventException at an event that cannot be folded */
    public Loaded<S> apply(Loaded<S> loaded, List<RecordedEvent> events) {
        return loaded.advancedTo(fold.fold(loaded.folded(), events));
    }

    /**
     * Writes a snapshot of {@code loaded} (best effort: a failed snapshot write never fails a command).
     *
     * @return whether it was written
     */
    public boolean saveSnapshot(Loaded<S> loaded) {
        return snapshotting
                .map(config -> {
                    try {
                        config.store()
                                .save(new Snapshot(
                                        loaded.streamId(),
                                        loaded.version(),
                                        config.codec().schemaVersion(),
                                        config.codec().encode(loaded.state()),
                                        clock.instant()));
                        return true;
                    } catch (RuntimeException e) {
                        // The events are committed; a missing snapshot only costs a longer replay next time.
                        config.problems()
                                .report(
                                        loaded.streamId(),
                                        "snapshot write at version " + loaded.version() + " failed",
                                        e);
                        return false;
                    }
                })
                .orElse(false);
    }

    private SnapshotLookup<S> lookup(String streamId, Snapshotting<S> config) {
        Optional<Snapshot> found;
        try {
            found = config.store().load(streamId);
        } catch (RuntimeException unreadable) {
            config.problems().report(streamId, "snapshot unreadable, ignored: replaying the stream", unreadable);
            return SnapshotLookup.unusable();
        }
        if (found.isEmpty()) {
            return SnapshotLookup.none();
        }
        try {
            // decoded before any event is read: a corrupt snapshot must fail here, not half-way
            S state = config.stateOf(found.get());
            return new SnapshotLookup<>(
                    Optional.of(Folded.at(streamId, state, found.get().version())), false);
        } catch (IllegalArgumentException unusable) {
            config.problems().report(streamId, "snapshot ignored: replaying the stream", unusable);
            return SnapshotLookup.unusable();
        }
    }

    /**
     * A bad snapshot is replaced at once, however short the stream, so it is not tripped over on every
     * cold load; a missing one only once the replay was long enough to be worth a write.
     */
    private Loaded<S> rewriteSnapshotAfterReplay(Loaded<S> loaded, boolean replacesUnusable) {
        boolean due = snapshotting
                .map(config ->
                        loaded.version() > 0 && (replacesUnusable || loaded.eventsRead() >= config.rewriteThreshold()))
                .orElse(false);
        return due && saveSnapshot(loaded) ? loaded.snapshotted() : loaded;
    }
}
