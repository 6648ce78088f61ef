package dev.eventline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.LoadInfo.Source;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotPolicy;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import dev.eventline.eventstore.snapshot.Snapshotting;
import dev.eventline.eventstore.snapshot.StateCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The load → decide → append → retry loop, against the in-memory reference store. Store, executor
 * and command context all read one fixed clock: nothing here meets the system clock.
 */
class CommandExecutorTest {
    private static final String STREAM = "Counter-1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private final CountingStore store = new CountingStore(new InMemoryEventStore(CLOCK));

    private CommandExecutor<Counter.Command, Counter.Event, Integer> executor() {
        return CommandExecutor.builder(store, Counter.INSTANCE, Counter.CODEC)
                .clock(CLOCK)
                .build();
    }

    private static CommandContext context() {
        return new CommandContext("cmd", "corr", "cmd", null, "tester", CLOCK.instant());
    }

    private static Executed<Integer> executed(CommandResult<Integer> result) {
        assertThat(result).isInstanceOf(Executed.class);
        return (Executed<Integer>) result;
    }

    @Test
    void a_cold_command_reads_the_stream_once_and_writes_once() {
        executor().execute(STREAM, new Counter.Add(2), context(), Expectation.any());
        store.reset();

        Executed<Integer> result =
                executed(executor().execute(STREAM, new Counter.Add(3), context(), Expectation.any()));

        assertThat(result.version()).isEqualTo(2);
        assertThat(result.state()).isEqualTo(5);
        assertThat(store.reads).isEqualTo(1);
        assertThat(store.appends).isEqualTo(1);
        assertThat(result.newEvents()).extracting(RecordedEvent::version).containsExactly(2L);
    }

    @Test
    void a_warm_command_on_current_cached_state_only_writes() {
        var executor = executor();
        executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any());
        store.reset();

        Executed<Integer> result = executed(executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any()));

        assertThat(result.load().source()).isEqualTo(Source.CACHE);
        assertThat(store.reads).isZero();
        assertThat(store.appends).isEqualTo(1);
    }

    @Test
    void a_stale_cache_catches_up_from_the_conflicting_event_without_a_read() {
        var warm = executor();
        warm.execute(STREAM, new Counter.Add(1), context(), Expectation.any());
        executor().execute(STREAM, new Counter.Add(2), context(), Expectation.any()); // another container
        store.reset();

        Executed<Integer> result = executed(warm.execute(STREAM, new Counter.Add(3), context(), Expectation.any()));

        assertThat(result.version()).isEqualTo(3);
        assertThat(result.state()).isEqualTo(6);
        assertThat(store.reads).isZero();
        assertThat(store.appends).isEqualTo(2);
        assertThat(result.load().attempts()).isEqualTo(2);
    }

    @Test
    void a_refusal_decided_on_cached_state_is_checked_against_fresh_state() {
        var warm = executor();
        warm.execute(STREAM, new Counter.Ensure(10), context(), Expectation.any()); // cached: 10, the limit
        store.reset();

        assertThatThrownBy(() -> warm.execute(STREAM, new Counter.Add(1), context(), Expectation.any()))
                .isInstanceOf(RuleViolation.class);
        assertThat(store.reads).as("refusal confirmed on fresh state").isEqualTo(1);
        assertThat(store.appends).isZero();
    }

    @Test
    void an_if_match_on_another_version_is_refused_and_writes_nothing() {
        executor().execute(STREAM, new Counter.Add(1), context(), Expectation.any());

        assertThatThrownBy(() -> executor().execute(STREAM, new Counter.Add(1), context(), Expectation.exactly(0)))
                .isInstanceOfSatisfying(ExpectedVersionMismatchException.class, e -> {
                    assertThat(e.expectedVersion()).isZero();
                    assertThat(e.actualVersion()).isEqualTo(1);
                });
        assertThat(store.readAfter(STREAM, 0)).hasSize(1);
    }

    @Test
    void an_if_match_is_not_refused_on_a_cache_that_is_merely_behind() {
        var warm = executor();
        warm.execute(STREAM, new Counter.Add(1), context(), Expectation.any());
        executor().execute(STREAM, new Counter.Add(1), context(), Expectation.any());

        Executed<Integer> result =
                executed(warm.execute(STREAM, new Counter.Add(1), context(), Expectation.exactly(2)));

        assertThat(result.version()).isEqualTo(3);
    }

    @Test
    void an_already_satisfied_command_appends_nothing() {
        executor().execute(STREAM, new Counter.Add(5), context(), Expectation.any());

        Executed<Integer> result =
                executed(executor().execute(STREAM, new Counter.Ensure(3), context(), Expectation.any()));

        assertThat(result.newEvents()).isEmpty();
        assertThat(result.version()).isEqualTo(1);
    }

    @Test
    void retries_are_bounded() {
        EventStore alwaysLosing = new CountingStore(new InMemoryEventStore(CLOCK)) {
            @Override
            public AppendResult append(
                    String streamId,
                    long expectedVersion,
                    List<NewEvent> events,
                    Optional<IdempotencyRecord> idempotency) {
                throw new WrongExpectedVersionException(streamId, expectedVersion, expectedVersion + 1, null);
            }
        };
        var executor = CommandExecutor.builder(alwaysLosing, Counter.INSTANCE, Counter.CODEC)
                .clock(CLOCK)
                .maxAttempts(3)
                .build();

        assertThatThrownBy(() -> executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any()))
                .isInstanceOfSatisfying(
                        ConcurrencyRetriesExhaustedException.class,
                        e -> assertThat(e.attempts()).isEqualTo(3));
    }

    @Nested
    class Idempotency_ {
        private dev.eventline.eventstore.Idempotency<Integer> key(String fingerprint) {
            return new dev.eventline.eventstore.Idempotency<>(
                    "k1", fingerprint, Duration.ofHours(24), executed -> "{\"version\":" + executed.version() + "}");
        }

        @Test
        void a_retry_with_the_same_key_replays_the_first_response_and_appends_nothing() {
            executor().execute(STREAM, new Counter.Add(1), context(), Expectation.any(), Optional.of(key("fp")));

            CommandResult<Integer> retry = executor()
                    .execute(STREAM, new Counter.Add(1), context(), Expectation.any(), Optional.of(key("fp")));

            assertThat(retry)
                    .isInstanceOfSatisfying(
                            Replayed.class,
                            r -> assertThat(r.record().response()).isEqualTo("{\"version\":1}"));
            assertThat(store.readAfter(STREAM, 0)).hasSize(1);
        }

        @Test
        void a_retry_of_a_conditional_request_that_succeeded_replays_instead_of_412() {
            executor().execute(STREAM, new Counter.Add(1), context(), Expectation.exactly(0), Optional.of(key("fp")));

            CommandResult<Integer> retry = executor()
                    .execute(STREAM, new Counter.Add(1), context(), Expectation.exactly(0), Optional.of(key("fp")));

            assertThat(retry).isInstanceOf(Replayed.class);
        }

        @Test
        void the_same_key_for_another_request_is_refused() {
            executor().execute(STREAM, new Counter.Add(1), context(), Expectation.any(), Optional.of(key("fp")));

            assertThatThrownBy(() -> executor()
                            .execute(
                                    STREAM,
                                    new Counter.Add(2),
                                    context(),
                                    Expectation.any(),
                                    Optional.of(key("other"))))
                    .isInstanceOf(IdempotencyKeyReusedException.class);
            assertThat(store.readAfter(STREAM, 0)).hasSize(1);
        }
    }

    @Nested
    class Snapshots {
        private final Map<String, Snapshot> saved = new HashMap<>();
        private final SnapshotStore snapshots = new SnapshotStore() {
            @Override
            public Optional<Snapshot> load(String streamId) {
                return Optional.ofNullable(saved.get(streamId));
            }

            @Override
            public void save(Snapshot snapshot) {
                saved.put(snapshot.streamId(), snapshot);
            }
        };
        private final List<String> problems = new ArrayList<>();
        private final StateCodec<Integer> codec = new StateCodec<>() {
            @Override
            public int schemaVersion() {
                return 2;
            }

            @Override
            public String encode(Integer state) {
                return Integer.toString(state);
            }

            @Override
            public Integer decode(String text) {
                return Integer.parseInt(text);
            }
        };

        private CommandExecutor<Counter.Command, Counter.Event, Integer> snapshotting(SnapshotPolicy policy) {
            return snapshotting(snapshots, policy);
        }

        private CommandExecutor<Counter.Command, Counter.Event, Integer> snapshotting(
                SnapshotStore to, SnapshotPolicy policy) {
            return CommandExecutor.builder(store, Counter.INSTANCE, Counter.CODEC)
                    .clock(CLOCK)
                    .cacheCapacity(0)
                    .snapshotting(new Snapshotting<>(
                            to,
                            codec,
                            policy,
                            3,
                            (streamId, problem, cause) ->
                                    problems.add(streamId + ": " + problem + ": " + cause.getMessage())))
                    .build();
        }

        @Test
        void count_based_snapshots_bound_the_events_read() {
            var executor = snapshotting(SnapshotPolicy.everyNEvents(2));
            for (int i = 0; i < 5; i++) {
                executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any());
            }

            Executed<Integer> result =
                    executed(executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any()));

            assertThat(saved.get(STREAM).version()).isEqualTo(6);
            assertThat(result.load().source()).isEqualTo(Source.SNAPSHOT);
            assertThat(result.load().eventsRead()).isLessThanOrEqualTo(1);
            assertThat(result.state()).isEqualTo(6);
        }

        @Test
        void a_corrupt_snapshot_falls_back_to_replay_and_is_rewritten() {
            executor().execute(STREAM, new Counter.Add(4), context(), Expectation.any());
            saved.put(STREAM, new Snapshot(STREAM, 1, 2, "not a number", CLOCK.instant()));

            Executed<Integer> result = executed(snapshotting(SnapshotPolicy.never())
                    .execute(STREAM, new Counter.Add(1), context(), Expectation.any()));

            assertThat(result.state()).isEqualTo(5);
            assertThat(result.load().source()).isEqualTo(Source.REPLAY);
            assertThat(saved.get(STREAM).state()).isEqualTo("4");
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .contains(STREAM, "snapshot ignored", "version 1", "does not decode");
        }

        @Test
        void an_old_schema_snapshot_falls_back_to_replay_and_is_rewritten() {
            executor().execute(STREAM, new Counter.Add(4), context(), Expectation.any());
            saved.put(STREAM, new Snapshot(STREAM, 1, 1, "999", CLOCK.instant()));

            Executed<Integer> result = executed(snapshotting(SnapshotPolicy.never())
                    .execute(STREAM, new Counter.Add(1), context(), Expectation.any()));

            assertThat(result.state()).isEqualTo(5);
            assertThat(saved.get(STREAM).stateSchemaVersion()).isEqualTo(2);
            assertThat(problems).singleElement().asString().contains("state schema v1, current is v2");
        }

        @Test
        void a_failed_snapshot_write_never_fails_the_command_and_is_reported() {
            SnapshotStore unwritable = new SnapshotStore() {
                @Override
                public Optional<Snapshot> load(String streamId) {
                    return Optional.empty();
                }

                @Override
                public void save(Snapshot snapshot) {
                    throw new IllegalStateException("throttled");
                }
            };
            var executor = snapshotting(unwritable, SnapshotPolicy.everyNEvents(1));

            Executed<Integer> result =
                    executed(executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any()));

            assertThat(result.version()).isEqualTo(1);
            assertThat(store.readAfter(STREAM, 0)).hasSize(1);
            assertThat(problems).containsExactly(STREAM + ": snapshot write at version 1 failed: throttled");
        }

        @Test
        void an_event_triggered_snapshot_is_decided_on_the_stored_types_without_encoding_again() {
            int[] encodes = {0};
            EventCodec<Counter.Event> counting = new EventCodec<>() {
                @Override
                public EncodedEvent encode(Counter.Event event) {
                    encodes[0]++;
                    return Counter.CODEC.encode(event);
                }

                @Override
                public Counter.Event decode(RecordedEvent event) {
                    return Counter.CODEC.decode(event);
                }
            };
            var executor = CommandExecutor.builder(store, Counter.INSTANCE, counting)
                    .clock(CLOCK)
                    .cacheCapacity(0)
                    .snapshotting(new Snapshotting<>(
                            snapshots,
                            codec,
                            SnapshotPolicy.afterEventTypes(Set.of("Added")),
                            3,
                            (streamId, problem, cause) -> problems.add(problem)))
                    .build();

            executor.execute(STREAM, new Counter.Add(2), context(), Expectation.any());

            assertThat(saved.get(STREAM).version())
                    .as("the stored type, Added, is a milestone")
                    .isEqualTo(1);
            assertThat(encodes[0]).as("encoded once, for the append").isEqualTo(1);
        }
    }

    /** Counts what reaches the store, to prove the request costs the executor promises. */
    @Nested
    class A_command_that_opens_a_new_stream {
        private CommandExecutor<Counter.Command, Counter.Event, Integer> opening() {
            return CommandExecutor.builder(store, Counter.INSTANCE, Counter.CODEC)
                    .clock(CLOCK)
                    .opensNewStream(command -> command instanceof Counter.Ensure || command instanceof Counter.Add)
                    .build();
        }

        private CommandContext contextOf(String commandId) {
            return new CommandContext(commandId, "corr", commandId, null, "tester", CLOCK.instant());
        }

        @Test
        void writes_once_and_reads_nothing() {
            Executed<Integer> result =
                    executed(opening().execute(STREAM, new Counter.Ensure(5), contextOf("open-1"), Expectation.any()));

            assertThat(result.version()).isEqualTo(1);
            assertThat(result.state()).isEqualTo(5);
            assertThat(result.load().source()).isEqualTo(Source.NONE);
            assertThat(store.reads).isZero();
            assertThat(store.appends).isEqualTo(1);
        }

        @Test
        void is_decided_again_on_the_stored_stream_when_it_exists_after_all_and_overwrites_nothing() {
            opening().execute(STREAM, new Counter.Ensure(7), contextOf("someone-else"), Expectation.any());

            assertThatThrownBy(
                            () -> opening().execute(STREAM, new Counter.Add(4), contextOf("open-1"), Expectation.any()))
                    .as("the decider's rule on the stored state (7 + 4 > 10) answers, not the assumed one")
                    .isInstanceOf(RuleViolation.class);
            assertThat(store.readAfter(STREAM, 0))
                    .singleElement()
                    .satisfies(e -> assertThat(e.metadata().commandId()).isEqualTo("someone-else"));
        }

        @Test
        void finds_itself_already_done_when_its_own_earlier_attempt_created_the_stream() {
            opening().execute(STREAM, new Counter.Ensure(5), contextOf("open-1"), Expectation.any());

            Executed<Integer> retried =
                    executed(opening().execute(STREAM, new Counter.Ensure(5), contextOf("open-1"), Expectation.any()));

            assertThat(retried.newEvents()).isEmpty();
            assertThat(retried.version()).isEqualTo(1);
            assertThat(retried.state()).isEqualTo(5);
            assertThat(store.readAfter(STREAM, 0)).hasSize(1);
        }

        @Test
        void confirms_a_nothing_to_do_decided_on_the_assumed_state_against_the_stored_one() {
            executor().execute(STREAM, new Counter.Add(3), context(), Expectation.any());
            store.reset();

            Executed<Integer> result =
                    executed(opening().execute(STREAM, new Counter.Ensure(0), contextOf("open-1"), Expectation.any()));

            assertThat(store.reads).as("the assumed state was checked").isEqualTo(1);
            assertThat(store.appends).isZero();
            assertThat(result.version()).isEqualTo(1);
            assertThat(result.state()).isEqualTo(3);
        }

        @Test
        void commands_not_declared_as_opening_a_stream_still_read_it_first() {
            executor().execute(STREAM, new Counter.Add(1), contextOf("add-1"), Expectation.any());

            assertThat(store.reads).isEqualTo(1);
        }
    }

    static class CountingStore implements EventStore {
        private final EventStore delegate;
        int reads;
        int appends;

        CountingStore(EventStore delegate) {
            this.delegate = delegate;
        }

        void reset() {
            reads = 0;
            appends = 0;
        }

        @Override
        public AppendResult append(
                String streamId, long expectedVersion, List<NewEvent> events, Optional<IdempotencyRecord> idempotency) {
            appends++;
            return delegate.append(streamId, expectedVersion, events, idempotency);
        }

        @Override
        public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
            reads++;
            return new ArrayList<>(delegate.readAfter(streamId, afterVersion));
        }

        @Override
        public StreamPage readPage(String streamId, long afterVersion, int limit) {
            reads++;
            return delegate.readPage(streamId, afterVersion, limit);
        }

        @Override
        public Optional<IdempotencyRecord> findIdempotencyRecord(String key) {
            return delegate.findIdempotencyRecord(key);
        }
    }
}
