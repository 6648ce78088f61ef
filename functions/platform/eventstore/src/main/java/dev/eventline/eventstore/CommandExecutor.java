package dev.eventline.eventstore;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.LoadInfo;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.StreamLoader.Loaded;
import dev.eventline.eventstore.snapshot.Snapshotting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Load, decide, append; on a lost race, catch up and decide again. Written once here so no
 * application code ever handles optimistic concurrency itself.
 *
 * <p>Costs, in DynamoDB requests: a cold command reads the stream once (eventually consistent: a
 * missed event is found out by the conditional write) and writes once; a warm
 * command whose cached state is current only writes; a command declared to open a new stream under a
 * generated id ({@link Builder#opensNewStream}) only writes, even cold. A stale cache is found out by the conditional
 * write, which returns the conflicting event (no read), so one concurrent writer costs no extra read.
 *
 * <p>Without {@code If-Match}, lost races are retried within a time budget with jittered backoff
 * ({@link ConflictRetries}); with it, a lost race is a 412 at once.
 */
public final class CommandExecutor<C, E, S> {
    private final EventStore store;
    private final Decider<C, E, S> decider;
    private final EventCodec<E> codec;
    private final StreamLoader<E, S> loader;
    private final Optional<Snapshotting<S>> snapshotting;
    private final Optional<InlineProjection<S>> inlineProjection;
    private final StateCache<S> cache;
    private final Clock clock;
    private final Supplier<String> eventIds;
    private final ConflictRetries retries;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private final RandomGenerator jitter;
    private final Predicate<? super C> opensNewStream;

    private CommandExecutor(Builder<C, E, S> builder) {
        this.store = builder.store;
        this.decider = builder.decider;
        this.codec = builder.codec;
        this.snapshotting = Optional.ofNullable(builder.snapshotting);
        this.inlineProjection = Optional.ofNullable(builder.inlineProjection);
        this.clock = builder.clock;
        this.eventIds = builder.eventIds;
        this.retries = builder.retries;
        this.ticker = builder.ticker;
        this.sleeper = builder.sleeper;
        this.jitter = builder.jitter;
        this.opensNewStream = builder.opensNewStream;
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

    public CommandResult<S> execute(
            String streamId,
            C command,
            CommandContext context,
            Expectation expectation,
            Optional<Idempotency<S>> idempotency) {
        long started = ticker.getAsLong();
        Attempt<S> attempt = cache.get(streamId)
                .map(cached -> new Attempt<>(cached.fromCache(), false, 0, started))
                .orElseGet(() -> opensNewStream.test(command)
                        ? Attempt.assumedNew(loader.assumedNew(streamId), started)
                        // read at half price: the append is conditional, and anything answered without
                        // one is confirmed on a consistent read first (the attempt is not "fresh")
                        : new Attempt<>(loader.loadPossiblyStale(streamId), false, 0, started));
        while (true) {
            Loaded<S> loaded = attempt.loaded();
            if (expectation instanceof Expectation.Exactly(long expected) && loaded.version() != expected) {
                if (!attempt.fresh()) { // a cached state may just be behind: only fresh state can refuse an If-Match
                    attempt = caughtUp(attempt);
                    continue;
                }
                cache.put(streamId, loaded);
                return replayIfAlreadyDone(idempotency)
                        .<CommandResult<S>>map(r -> r)
                        .orElseThrow(() -> new ExpectedVersionMismatchException(streamId, expected, loaded.version()));
            }

            List<E> decided;
            try {
                decided = decider.decide(command, loaded.state());
            } catch (RuleViolation violation) {
                if (!attempt.fresh()) { // the refusal may be based on a stale cache: decide again on current state
                    attempt = caughtUp(attempt);
                    continue;
                }
                return replayIfAlreadyDone(idempotency)
                        .<CommandResult<S>>map(r -> r)
                        .orElseThrow(() -> violation);
            }

            if (decided.isEmpty()) {
                if (!attempt.fresh()) { // "already done" on a stale cache may be wrong too
                    attempt = caughtUp(attempt);
                    continue;
                }
                Optional<Replayed<S>> replay = replayIfAlreadyDone(idempotency);
                if (replay.isPresent()) {
                    return replay.get();
                }
                cache.put(streamId, loaded);
                return new Executed<>(streamId, loaded.version(), List.of(), loaded.state(), attempt.info());
            }

            try {
                return append(attempt, decided, context, idempotency);
            } catch (IdempotencyKeyConflictException taken) {
                return replayOrRefuse(taken.existing(), idempotency.orElseThrow());
            } catch (WrongExpectedVersionException conflict) {
                cache.evict(streamId);
                if (expectation instanceof Expectation.Exactly) {
                    return replayIfAlreadyDone(idempotency)
                            .<CommandResult<S>>map(r -> r)
                            .orElseThrow(() -> new ExpectedVersionMismatchException(
                                    streamId, loaded.version(), conflict.actualVersionAtLeast()));
                }
                attempt = retryAfter(attempt, conflict, started);
            }
        }
    }

    /**
     * What the next decision is made on: the state, whether it was just read from the store (a
     * cached state may be behind), how many races this command has lost so far, and when this attempt
     * began (ticker nanoseconds).
     */
    private record Attempt<S>(Loaded<S> loaded, boolean fresh, int lost, long began, boolean assumedNew) {
        Attempt(Loaded<S> loaded, boolean fresh, int lost, long began) {
            this(loaded, fresh, lost, began, false);
        }

        /** Nothing read: the state is what a stream that does not exist yet would have. */
        static <S> Attempt<S> assumedNew(Loaded<S> initial, long began) {
            return new Attempt<>(initial, false, 0, began, true);
        }

        LoadInfo info() {
            return new LoadInfo(loaded.source(), loaded.eventsRead(), lost + 1);
        }
    }

    private Attempt<S> caughtUp(Attempt<S> attempt) {
        return new Attempt<>(loader.catchUp(attempt.loaded()), true, attempt.lost(), attempt.began());
    }

    private Executed<S> append(
            Attempt<S> attempt, List<E> decided, CommandContext context, Optional<Idempotency<S>> idempotency) {
        Loaded<S> loaded = attempt.loaded();
        String streamId = loaded.streamId();
        List<NewEvent> newEvents = encode(streamId, loaded.version(), decided, context);
        S newState = decider.fold(loaded.state(), decided);
        long newVersion = loaded.version() + decided.size();
        Executed<S> outcome = new Executed<>(
                streamId, newVersion, prospective(streamId, loaded.version(), newEvents), newState, attempt.info());
        Optional<IdempotencyRecord> record = idempotency.map(idem -> new IdempotencyRecord(
                idem.key(),
                idem.fingerprint(),
                idem.response().apply(outcome),
                context.now().plus(idem.ttl())));
        List<InlineView> views = inlineProjection
                .map(projection -> projection.project(streamId, newVersion, newState))
                .orElse(List.of());
        AppendResult appended = store.append(streamId, loaded.version(), newEvents, record, views);
        Loaded<S> after = loaded.appended(newState, appended.version());
        cache.put(streamId, after);
        snapshotIfDue(after, newEvents);
        return new Executed<>(streamId, appended.version(), appended.events(), newState, attempt.info());
    }

    /**
     * After a lost race: the next attempt, within the retry budget, or {@link ConcurrencyRetriesExhaustedException}.
     * Retried at once, the winner's event (returned by the failed write) is all that is missing, so it is
     * applied without a read; after a pause the stream has likely moved on further, and one read is
     * cheaper than walking forward one failed write (a full WCU each) at a time.
     */
    private Attempt<S> retryAfter(Attempt<S> lostOne, WrongExpectedVersionException conflict, long started) {
        Loaded<S> loaded = lostOne.loaded();
        int lost = lostOne.lost() + 1;
        long now = ticker.getAsLong();
        Duration pause = retries.pauseAfter(
                        lost, Duration.ofNanos(now - started), Duration.ofNanos(now - lostOne.began()), jitter)
                .orElseThrow(() -> new ConcurrencyRetriesExhaustedException(loaded.streamId(), lost));
        Optional<RecordedEvent> winner = conflict.conflictingEvent().filter(e -> e.version() == loaded.version() + 1);
        if (pause.isZero() && winner.isPresent()) {
            return new Attempt<>(loader.apply(loaded, List.of(winner.get())), false, lost, now);
        }
        if (!pause.isZero()) {
            sleeper.sleep(pause);
        }
        long began = ticker.getAsLong(); // the catch-up read is part of the next attempt
        return new Attempt<>(loader.catchUp(loaded), true, lost, began);
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

    /** @param appended the events just stored, already encoded: their types are what the policy reads */
    private void snapshotIfDue(Loaded<S> after, List<NewEvent> appended) {
        snapshotting.ifPresent(config -> {
            if (config.policy()
                    .shouldSnapshot(
                            after.snapshotVersion(),
                            after.version(),
                            appended.stream().map(NewEvent::type).toList())) {
                loader.saveSnapshot(after);
                cache.put(after.streamId(), after.snapshotted());
            }
        });
    }

    private List<NewEvent> encode(String streamId, long fromVersion, List<E> events, CommandContext context) {
        EventMetadata metadata = context.metadata();
        List<NewEvent> encoded = new ArrayList<>(events.size());
        long version = fromVersion;
        for (E event : events) {
            EventCodec.EncodedEvent e = codec.encode(event);
            String eventId =
                    eventIds != null ? eventIds.get() : EventIds.derived(streamId, ++version, metadata.commandId());
            encoded.add(new NewEvent(eventId, e.type(), e.schemaVersion(), e.data(), metadata));
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

    /** Drops cached state, e.g. between benchmark phases. */
    public void clearCache() {
        cache.clear();
    }

    public static final class Builder<C, E, S> {
        private final EventStore store;
        private final Decider<C, E, S> decider;
        private final EventCodec<E> codec;
        private Snapshotting<S> snapshotting;
        private InlineProjection<S> inlineProjection;
        private Clock clock;
        private Supplier<String> eventIds; // null: derived from position and command (EventIds), never stored
        private ConflictRetries retries = ConflictRetries.DEFAULT;
        private LongSupplier ticker = System::nanoTime;
        private Sleeper sleeper = Sleeper.THREAD;
        private RandomGenerator jitter =
                () -> ThreadLocalRandom.current().nextLong(); // per call: one executor serves concurrent requests
        private int cacheCapacity = StateCache.DEFAULT_CAPACITY;
        private Predicate<? super C> opensNewStream = command -> false;

        private Builder(EventStore store, Decider<C, E, S> decider, EventCodec<E> codec) {
            this.store = store;
            this.decider = decider;
            this.codec = codec;
        }

        public Builder<C, E, S> snapshotting(Snapshotting<S> value) {
            this.snapshotting = value;
            return this;
        }

        /** A view appended with every command's events, in the same atomic write (see {@link InlineProjection}). */
        public Builder<C, E, S> inlineProjection(InlineProjection<S> value) {
            this.inlineProjection = Objects.requireNonNull(value, "inlineProjection");
            return this;
        }

        public Builder<C, E, S> clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Event ids from {@code value} instead of {@link EventIds#derived} (which stores need not keep). */
        public Builder<C, E, S> eventIds(Supplier<String> value) {
            this.eventIds = value;
            return this;
        }

        /** How lost races are retried when the command has no {@code If-Match}; {@link ConflictRetries#DEFAULT} by default. */
        public Builder<C, E, S> conflictRetries(ConflictRetries value) {
            this.retries = Objects.requireNonNull(value, "conflictRetries");
            return this;
        }

        /** How long lost races are retried, from the start of a command. */
        public Builder<C, E, S> retryBudget(Duration value) {
            return conflictRetries(retries.withBudget(value));
        }

        /** A ceiling on attempts, whatever the budget says. */
        public Builder<C, E, S> maxAttempts(int value) {
            return conflictRetries(retries.withMaxAttempts(value));
        }

        /** Monotonic nanoseconds measuring the retry budget; {@code System::nanoTime} by default. */
        public Builder<C, E, S> ticker(LongSupplier value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        /** How the backoff waits; {@link Sleeper#THREAD} by default. */
        public Builder<C, E, S> sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The random source of the backoff's jitter; a thread-safe one by default. */
        public Builder<C, E, S> jitter(RandomGenerator value) {
            this.jitter = Objects.requireNonNull(value, "jitter");
            return this;
        }

        /**
         * The commands that create their stream (a new order, a new account, under a generated or a
         * client-chosen id): they are decided on the initial state without reading the stream, since
         * the append's condition ({@code attribute_not_exists} on the position) already refuses a
         * stream that exists after all. Then the command is decided again on the stored stream, as
         * after any lost race: the decider's own rule for creating what exists applies (a retry of the
         * same creation is already done; anything else, a collision of a generated id included, is
         * refused), so nothing is overwritten and nothing is answered on an assumed state. A refusal or
         * an "already done" decided on the assumed state is confirmed on a read first. None by default.
         */
        public Builder<C, E, S> opensNewStream(Predicate<? super C> value) {
            this.opensNewStream = Objects.requireNonNull(value, "opensNewStream");
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
