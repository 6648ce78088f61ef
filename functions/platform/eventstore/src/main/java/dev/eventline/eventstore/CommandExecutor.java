package dev.eventline.eventstore;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.LoadInfo;
import dev.eventline.eventstore.CommandResult.LoadInfo.Source;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.StreamLoader.Loaded;
import dev.eventline.eventstore.snapshot.Snapshotting;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Load, decide, append; on a lost race, catch up and decide again. Written once here so no
 * application code ever handles optimistic concurrency itself.
 *
 * <p>Costs, in DynamoDB requests: a cold command reads the stream once and writes once; a warm
 * command whose cached state is current only writes. A stale cache is found out by the conditional
 * write, which returns the conflicting event (no read), so one concurrent writer costs no extra read.
 */
public final class CommandExecutor<C, E, S> {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private final EventStore store;
    private final Decider<C, E, S> decider;
    private final EventCodec<E> codec;
    private final StreamLoader<E, S> loader;
    private final Optional<Snapshotting<S>> snapshotting;
    private final StateCache<S> cache;
    private final Clock clock;
    private final Supplier<String> eventIds;
    private final int maxAttempts;

    private CommandExecutor(Builder<C, E, S> builder) {
        this.store = builder.store;
        this.decider = builder.decider;
        this.codec = builder.codec;
        this.snapshotting = Optional.ofNullable(builder.snapshotting);
        this.clock = builder.clock;
        this.eventIds = builder.eventIds;
        this.maxAttempts = builder.maxAttempts;
        this.cache = new StateCache<>(builder.cacheCapacity);
        this.loader = new StreamLoader<>(store, codec, decider, snapshotting, clock);
    }

    public static <C, E, S> Builder<C, E, S> builder(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec) {
        return new Builder<>(store, decider, codec);
    }

    public StreamLoader<E, S> loader() {
        return loader;
    }

    public CommandResult<S> execute(String streamId, C command, CommandContext context, Expectation expectation) {
        return execute(streamId, command, context, expectation, Optional.empty());
    }

    public CommandResult<S> execute(String streamId, C command, CommandContext context, Expectation expectation,
                                    Optional<Idempotency<S>> idempotency) {
        Optional<Loaded<S>> cached = cache.get(streamId).map(Loaded::fromCache);
        Loaded<S> loaded = cached.orElseGet(() -> loader.load(streamId));
        boolean fresh = cached.isEmpty();
        boolean usedConflictingEvent = false;

        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (expectation instanceof Expectation.Exactly(long expected) && loaded.version() != expected) {
                if (!fresh) { // a cached state may just be behind: only fresh state can refuse an If-Match
                    loaded = loader.catchUp(loaded);
                    fresh = true;
                }
                if (loaded.version() != expected) {
                    cache.put(streamId, loaded);
                    long actual = loaded.version();
                    return replayIfAlreadyDone(idempotency).<CommandResult<S>>map(r -> r)
                            .orElseThrow(() -> new ExpectedVersionMismatchException(streamId, expected, actual));
                }
            }

            List<E> decided;
            try {
                decided = decider.decide(command, loaded.state());
            } catch (RuleViolation violation) {
                if (!fresh) { // the refusal may be based on a stale cache: decide again on current state
                    loaded = loader.catchUp(loaded);
                    fresh = true;
                    attempt--;
                    continue;
                }
                Optional<Replayed<S>> replay = replayIfAlreadyDone(idempotency);
                if (replay.isPresent()) {
                    return replay.get();
                }
                throw violation;
            }

            if (decided.isEmpty()) {
                if (!fresh) {
                    loaded = loader.catchUp(loaded);
                    fresh = true;
                    attempt--;
                    continue;
                }
                Optional<Replayed<S>> replay = replayIfAlreadyDone(idempotency);
                if (replay.isPresent()) {
                    return replay.get();
                }
                cache.put(streamId, loaded);
                return new Executed<>(streamId, loaded.version(), List.of(), loaded.state(), info(loaded, attempt));
            }

            List<NewEvent> newEvents = encode(decided, context);
            S newState = decider.fold(loaded.state(), decided);
            long newVersion = loaded.version() + decided.size();
            List<RecordedEvent> prospective = prospective(streamId, loaded.version(), newEvents);
            Executed<S> outcome = new Executed<>(streamId, newVersion, prospective, newState, info(loaded, attempt));
            Optional<IdempotencyRecord> record = idempotency.map(idem -> new IdempotencyRecord(idem.key(),
                    idem.fingerprint(), idem.response().apply(outcome), context.now().plus(idem.ttl())));
            try {
                AppendResult appended = store.append(streamId, loaded.version(), newEvents, record);
                Loaded<S> after = new Loaded<>(streamId, newState, appended.version(), loaded.snapshotVersion(),
                        loaded.source(), loaded.eventsRead());
                cache.put(streamId, after);
                snapshotIfDue(after, decided);
                return new Executed<>(streamId, appended.version(), appended.events(), newState, info(loaded, attempt));
            } catch (IdempotencyKeyConflictException taken) {
                return replayOrRefuse(taken.existing(), idempotency.orElseThrow());
            } catch (WrongExpectedVersionException conflict) {
                cache.evict(streamId);
                if (expectation instanceof Expectation.Exactly) {
                    long stale = loaded.version();
                    return replayIfAlreadyDone(idempotency).<CommandResult<S>>map(r -> r)
                            .orElseThrow(() -> new ExpectedVersionMismatchException(streamId, stale, conflict.actualVersionAtLeast()));
                }
                Optional<RecordedEvent> next = conflict.conflictingEvent();
                if (!usedConflictingEvent && next.isPresent() && next.get().version() == loaded.version() + 1) {
                    // Usually exactly one event was written concurrently: apply it and try again, no read.
                    loaded = loader.apply(loaded, List.of(next.get()));
                    usedConflictingEvent = true;
                    fresh = false;
                } else {
                    loaded = loader.catchUp(loaded);
                    fresh = true;
                }
            }
        }
        throw new ConcurrencyRetriesExhaustedException(streamId, maxAttempts);
    }

    /**
     * A retry of a request that did succeed (its response was lost) finds the stream moved on, refused
     * by a rule, or already satisfied; with its idempotency key it must get the first response back.
     */
    private Optional<Replayed<S>> replayIfAlreadyDone(Optional<Idempotency<S>> idempotency) {
        if (idempotency.isEmpty()) {
            return Optional.empty();
        }
        // the store answers only a live record, by its clock: expiry is decided in one place
        return store.findIdempotencyRecord(idempotency.get().key())
                .map(existing -> replayOrRefuse(existing, idempotency.get()));
    }

    private Replayed<S> replayOrRefuse(IdempotencyRecord existing, Idempotency<S> requested) {
        if (!existing.requestFingerprint().equals(requested.fingerprint())) {
            throw new IdempotencyKeyReusedException(requested.key());
        }
        return new Replayed<>(existing);
    }

    private void snapshotIfDue(Loaded<S> after, List<E> decided) {
        snapshotting.ifPresent(config -> {
            List<String> types = decided.stream().map(event -> codec.encode(event).type()).toList();
            if (config.policy().shouldSnapshot(after.snapshotVersion(), after.version(), types)) {
                loader.saveSnapshot(after);
                cache.put(after.streamId(), new Loaded<>(after.streamId(), after.state(), after.version(),
                        after.version(), after.source(), after.eventsRead()));
            }
        });
    }

    private List<NewEvent> encode(List<E> events, CommandContext context) {
        EventMetadata metadata = context.metadata();
        List<NewEvent> encoded = new ArrayList<>(events.size());
        for (E event : events) {
            EventCodec.EncodedEvent e = codec.encode(event);
            encoded.add(new NewEvent(eventIds.get(), e.type(), e.schemaVersion(), e.data(), metadata));
        }
        return encoded;
    }

    private List<RecordedEvent> prospective(String streamId, long fromVersion, List<NewEvent> events) {
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        long version = fromVersion;
        for (NewEvent event : events) {
            recorded.add(RecordedEvent.of(streamId, ++version, event, clock.instant()));
        }
        return recorded;
    }

    private static LoadInfo info(Loaded<?> loaded, int attempt) {
        return new LoadInfo(loaded.source(), loaded.eventsRead(), attempt);
    }

    /** Drops cached state, e.g. between benchmark phases. */
    public void clearCache() {
        cache.clear();
    }

    public static final class Builder<C, E, S> {
        private final EventStore store;
        private final Decider<C, E, S> decider;
        private final EventCodec<E> codec;
        private Snapshotting<S> snapshotting;
        private Clock clock;
        private Supplier<String> eventIds = () -> UUID.randomUUID().toString();
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private int cacheCapacity = StateCache.DEFAULT_CAPACITY;

        private Builder(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec) {
            this.store = store;
            this.decider = decider;
            this.codec = codec;
        }

        public Builder<C, E, S> snapshotting(Snapshotting<S> value) {
            this.snapshotting = value;
            return this;
        }

        public Builder<C, E, S> clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder<C, E, S> eventIds(Supplier<String> value) {
            this.eventIds = value;
            return this;
        }

        public Builder<C, E, S> maxAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        /** 0 disables the in-process state cache. */
        public Builder<C, E, S> cacheCapacity(int value) {
            this.cacheCapacity = value;
            return this;
        }

        /** @throws NullPointerException without a {@link #clock}: time comes from the composition root, never a default */
        public CommandExecutor<C, E, S> build() {
            Objects.requireNonNull(clock, "clock");
            return new CommandExecutor<>(this);
        }
    }
}
