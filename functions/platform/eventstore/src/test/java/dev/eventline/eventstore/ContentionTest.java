package dev.eventline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.eventstore.CommandExecutorTest.CountingStore;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.Replayed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A hot stream: other writers keep taking the next version. Without If-Match the executor retries
 * within its time budget, backing off with jitter; with If-Match it refuses at once. Time, sleeping
 * and jitter are fakes, so every pause and count below is exact.
 */
class ContentionTest {
    private static final String STREAM = "Counter-1";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final ConflictRetries RETRIES =
            new ConflictRetries(Duration.ofSeconds(1), new Backoff(Duration.ofMillis(5), Duration.ofMillis(100)), 100);
    private static final ConflictRetries SLOW_STORE_RETRIES =
            new ConflictRetries(Duration.ofSeconds(3), new Backoff(Duration.ofMillis(5), Duration.ofSeconds(1)), 100);

    private final FakeTime time = new FakeTime();
    private final RivalStore store = new RivalStore(new InMemoryEventStore(CLOCK), time);
    private final CommandExecutor<Counter.Command, Counter.Event, Integer> executor = executor(RETRIES);

    private CommandExecutor<Counter.Command, Counter.Event, Integer> executor(ConflictRetries retries) {
        return CommandExecutor.builder(store, Counter.INSTANCE, Counter.CODEC)
                .clock(CLOCK)
                .conflictRetries(retries)
                .ticker(time)
                .sleeper(time)
                .jitter(HIGHEST)
                .build();
    }

    /** Business time from the same clock as the store and the executor: never mixed with the machine's. */
    private static CommandContext context() {
        return new CommandContext("cmd", "corr", "cmd", null, "tester", CLOCK.instant());
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void lost_races_are_retried_until_the_budget_is_spent_then_refused_with_the_number_of_attempts() {
        store.rivalsWinNext(Integer.MAX_VALUE);

        assertThatThrownBy(() -> executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any()))
                .isInstanceOfSatisfying(
                        ConcurrencyRetriesExhaustedException.class,
                        e -> assertThat(e.attempts()).isEqualTo(16));

        // at once after the first lost race, then 5, 10, 20... ms capped at 100; the last pause is cut to end
        // with the budget, and the attempt after it is the last
        assertThat(time.pauses)
                .containsExactly(
                        ms(5), ms(10), ms(20), ms(40), ms(80), ms(100), ms(100), ms(100), ms(100), ms(100), ms(100),
                        ms(100), ms(100), ms(45));
        assertThat(time.elapsed()).isEqualTo(RETRIES.budget());
        assertThat(store.appends).isEqualTo(16);
        assertThat(store.reads)
                .as("the cold load, then one catch-up after each pause")
                .isEqualTo(1 + 14);
        assertThat(store.readAfter(STREAM, 0))
                .extracting(RecordedEvent::eventId)
                .allMatch(id -> id.startsWith("rival-"));
    }

    @Test
    void a_command_gets_through_once_the_rivals_pause_and_its_event_lands_after_theirs() {
        store.rivalsWinNext(4);

        Executed<Integer> result =
                (Executed<Integer>) executor.execute(STREAM, new Counter.Add(3), context(), Expectation.any());

        assertThat(result.version()).isEqualTo(5);
        assertThat(result.state()).isEqualTo(3);
        assertThat(result.load().attempts()).isEqualTo(5);
        assertThat(time.pauses).containsExactly(ms(5), ms(10), ms(20));
        assertThat(store.readAfter(STREAM, 0))
                .extracting(RecordedEvent::version)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void pauses_are_counted_in_round_trips_when_a_round_trip_is_longer_than_the_base() {
        store.takes(ms(40)); // every request: a loaded store, or a slow emulator
        store.rivalsWinNext(4);

        executor(SLOW_STORE_RETRIES).execute(STREAM, new Counter.Add(3), context(), Expectation.any());

        // after the at-once retry (one write, 40 ms); then after attempts of a read and a write (80 ms), doubling
        assertThat(time.pauses).containsExactly(ms(40), ms(160), ms(320));
    }

    @Test
    void the_first_lost_race_is_retried_at_once_on_the_winners_event_without_a_read() {
        executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any()); // warm cache
        store.reset();
        store.rivalsWinNext(1);

        Executed<Integer> result =
                (Executed<Integer>) executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any());

        assertThat(result.version()).isEqualTo(3);
        assertThat(time.pauses).isEmpty();
        assertThat(store.reads).isZero();
        assertThat(store.appends).isEqualTo(2);
    }

    @Test
    void a_command_with_if_match_is_refused_at_its_first_lost_race_without_waiting() {
        executor.execute(STREAM, new Counter.Add(1), context(), Expectation.any());
        store.reset();
        store.rivalsWinNext(Integer.MAX_VALUE);

        assertThatThrownBy(() -> executor.execute(STREAM, new Counter.Add(1), context(), Expectation.exactly(1)))
                .isInstanceOfSatisfying(ExpectedVersionMismatchException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThat(store.appends).isEqualTo(1);
        assertThat(time.pauses).isEmpty();
    }

    @Test
    void a_retried_request_replays_its_first_response_while_rivals_keep_winning() {
        Idempotency<Integer> key = key("fp");
        store.rivalsWinNext(3);
        Executed<Integer> first = (Executed<Integer>)
                executor.execute(STREAM, new Counter.Add(2), context(), Expectation.any(), Optional.of(key));
        store.rivalsWinNext(Integer.MAX_VALUE);

        CommandResult<Integer> retry =
                executor.execute(STREAM, new Counter.Add(2), context(), Expectation.any(), Optional.of(key));

        assertThat(retry)
                .isInstanceOfSatisfying(
                        Replayed.class,
                        r -> assertThat(r.record().response()).isEqualTo("{\"version\":" + first.version() + "}"));
        assertThatThrownBy(() -> executor.execute(
                        STREAM, new Counter.Add(1), context(), Expectation.any(), Optional.of(key("another request"))))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(store.readAfter(STREAM, 0))
                .extracting(RecordedEvent::eventId)
                .filteredOn(id -> !id.startsWith("rival-"))
                .hasSize(1);
    }

    private static Idempotency<Integer> key(String fingerprint) {
        return new Idempotency<>(
                "k1", fingerprint, Duration.ofHours(24), executed -> "{\"version\":" + executed.version() + "}");
    }

    /** Monotonic time that only moves when the executor sleeps; records the pauses. */
    private static final class FakeTime implements LongSupplier, Sleeper {
        private final List<Duration> pauses = new ArrayList<>();
        private long nanos;

        @Override
        public long getAsLong() {
            return nanos;
        }

        @Override
        public void sleep(Duration duration) {
            pauses.add(duration);
            nanos += duration.toNanos();
        }

        Duration elapsed() {
            return Duration.ofNanos(nanos);
        }
    }

    /** Jitter that always picks the longest pause allowed, so that the ceiling of each pause shows. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    /**
     * Lets another writer append just before each of the next appends reaches the store; each request
     * takes {@link #takes} of the fake time.
     */
    private static final class RivalStore extends CountingStore {
        private final InMemoryEventStore events;
        private final FakeTime time;
        private Duration perRequest = Duration.ZERO;
        private int rivalsLeft;
        private int rivalsWritten;

        RivalStore(InMemoryEventStore events, FakeTime time) {
            super(events);
            this.events = events;
            this.time = time;
        }

        void rivalsWinNext(int appends) {
            rivalsLeft = appends;
        }

        void takes(Duration duration) {
            perRequest = duration;
        }

        @Override
        public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
            time.nanos += perRequest.toNanos();
            return super.readAfter(streamId, afterVersion);
        }

        @Override
        public AppendResult append(
                String streamId,
                long expectedVersion,
                List<NewEvent> newEvents,
                Optional<IdempotencyRecord> idempotency) {
            time.nanos += perRequest.toNanos();
            if (rivalsLeft > 0) {
                rivalsLeft--;
                long head = events.readAfter(streamId, 0).size();
                events.append(
                        streamId,
                        head,
                        List.of(new NewEvent(
                                "rival-" + ++rivalsWritten,
                                "Added",
                                1,
                                "{\"n\":0}",
                                new EventMetadata("rival", "rival", "rival", null, "rival", CLOCK.instant()))));
            }
            return super.append(streamId, expectedVersion, newEvents, idempotency);
        }
    }
}
