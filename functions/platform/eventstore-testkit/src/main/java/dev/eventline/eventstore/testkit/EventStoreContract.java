package dev.eventline.eventstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.eventstore.AppendResult;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.IdempotencyKeyConflictException;
import dev.eventline.eventstore.IdempotencyRecord;
import dev.eventline.eventstore.InlineView;
import dev.eventline.eventstore.InlineViews;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.eventstore.WrongExpectedVersionException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} must do. The in-memory store and the DynamoDB store both extend
 * this class, so the reference implementation and the real one cannot disagree.
 */
public abstract class EventStoreContract {
    /** The clock the store under contract must be built with: the tests move it. */
    protected final MutableClock clock = MutableClock.startingNow();

    protected abstract EventStore store();

    /** The name of an inline view the store under contract keeps (key attribute {@code id}), for the inline-view tests. */
    protected static final String VIEW = "contract-view";

    /** The store's inline views; the inline-view tests are skipped for a store that keeps none. */
    private InlineViews views() {
        Assumptions.assumeTrue(store() instanceof InlineViews, "this store keeps no inline views");
        return (InlineViews) store();
    }

    private static InlineView view(String key, long version, long total) {
        return new InlineView(VIEW, key, version, Map.of("total", total, "status", "OPEN", "open", true));
    }

    protected static String newStream() {
        return "Test-" + UUID.randomUUID();
    }

    protected static NewEvent event(String type) {
        return new NewEvent(
                UUID.randomUUID().toString(),
                type,
                1,
                "{\"n\":1}",
                new EventMetadata(
                        "cmd-1", "corr-1", "cmd-1", "Root=1-abc-def", "tester", Instant.parse("2026-11-27T10:00:00Z")));
    }

    @Test
    void an_event_whose_ids_repeat_its_command_id_reads_back_whole() {
        String stream = newStream();
        Instant occurred = clock.instant().minusMillis(5);
        NewEvent plain = new NewEvent(
                dev.eventline.eventstore.EventIds.derived(stream, 1, "cmd-9"),
                "A",
                1,
                "{}",
                new EventMetadata("cmd-9", "cmd-9", "cmd-9", null, "anonymous", occurred));

        AppendResult appended = store().append(stream, 0, List.of(plain));

        assertThat(store().readAfter(stream, 0)).containsExactlyElementsOf(appended.events());
        assertThat(store().readAfter(stream, 0).getFirst().metadata().occurredAt())
                .isEqualTo(occurred);
    }

    @Test
    void a_possibly_stale_read_returns_a_prefix_of_the_stream_in_order() {
        String stream = newStream();
        AppendResult appended = store().append(stream, 0, List.of(event("A"), event("B"), event("C")));

        List<RecordedEvent> read = store().readAfterPossiblyStale(stream, 1);

        assertThat(appended.events().subList(1, 3)).startsWith(read.toArray(RecordedEvent[]::new));
    }

    @Test
    void appended_events_are_read_back_in_order_with_their_metadata() {
        String stream = newStream();
        store().append(stream, 0, List.of(event("A")));
        AppendResult second = store().append(stream, 1, List.of(event("B"), event("C")));

        assertThat(second.version()).isEqualTo(3);
        List<RecordedEvent> events = store().readAfter(stream, 0);
        assertThat(events).extracting(RecordedEvent::type).containsExactly("A", "B", "C");
        assertThat(events).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        RecordedEvent first = events.getFirst();
        assertThat(first.metadata().correlationId()).isEqualTo("corr-1");
        assertThat(first.metadata().traceId()).isEqualTo("Root=1-abc-def");
        assertThat(first.metadata().occurredAt()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(first.data()).isEqualTo("{\"n\":1}");
        assertThat(store().readAfter(stream, 2)).extracting(RecordedEvent::type).containsExactly("C");
    }

    @Test
    void a_stale_single_append_is_refused_and_returns_the_event_that_won() {
        String stream = newStream();
        NewEvent winner = event("Winner");
        store().append(stream, 0, List.of(winner));

        assertThatThrownBy(() -> store().append(stream, 0, List.of(event("Loser"))))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.actualVersionAtLeast()).isEqualTo(1);
                    assertThat(e.conflictingEvent()).map(RecordedEvent::eventId).contains(winner.eventId());
                });
        assertThat(store().readAfter(stream, 0)).extracting(RecordedEvent::type).containsExactly("Winner");
    }

    @Test
    void a_multi_event_append_that_conflicts_writes_none_of_its_events() {
        String stream = newStream();
        store().append(stream, 0, List.of(event("A")));
        store().append(stream, 1, List.of(event("B")));

        assertThatThrownBy(() -> store().append(stream, 1, List.of(event("X"), event("Y"), event("Z"))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(store().readAfter(stream, 0)).extracting(RecordedEvent::type).containsExactly("A", "B");
    }

    @Test
    void an_idempotency_key_is_taken_atomically_with_the_events() {
        String stream = newStream();
        Instant expires = clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        IdempotencyRecord record = new IdempotencyRecord("k-" + UUID.randomUUID(), "fp", "{\"status\":201}", expires);
        store().append(stream, 0, List.of(event("A")), Optional.of(record));

        assertThat(store().findIdempotencyRecord(record.key())).contains(record);
        assertThatThrownBy(() -> store().append(stream, 1, List.of(event("B")), Optional.of(record)))
                .isInstanceOfSatisfying(
                        IdempotencyKeyConflictException.class,
                        e -> assertThat(e.existing()).isEqualTo(record));
        assertThat(store().readAfter(stream, 0)).hasSize(1);
    }

    @Test
    void an_expired_idempotency_key_is_not_found_and_may_be_taken_again() {
        String stream = newStream();
        Instant expires = clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        IdempotencyRecord first = new IdempotencyRecord("k-" + UUID.randomUUID(), "fp", "{\"status\":201}", expires);
        store().append(stream, 0, List.of(event("A")), Optional.of(first));

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(store().findIdempotencyRecord(first.key())).isEmpty();
        IdempotencyRecord second = new IdempotencyRecord(
                first.key(),
                "fp-2",
                "{\"status\":200}",
                clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
        store().append(stream, 1, List.of(event("B")), Optional.of(second));
        assertThat(store().findIdempotencyRecord(first.key())).contains(second);
        assertThat(store().readAfter(stream, 0)).extracting(RecordedEvent::type).containsExactly("A", "B");
    }

    @Test
    void pages_walk_the_stream_without_gaps_or_repeats() {
        String stream = newStream();
        for (int i = 0; i < 7; i++) {
            store().append(stream, i, List.of(event("E" + i)));
        }
        StreamPage first = store().readPage(stream, 0, 3);
        StreamPage second = store().readPage(stream, first.lastVersion(0), 3);
        StreamPage last = store().readPage(stream, second.lastVersion(3), 3);

        assertThat(first.events()).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.events()).extracting(RecordedEvent::version).containsExactly(4L, 5L, 6L);
        assertThat(last.events()).extracting(RecordedEvent::version).containsExactly(7L);
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void a_page_limit_far_beyond_the_stream_reads_what_the_stream_holds() {
        String stream = newStream();
        for (int i = 0; i < 3; i++) {
            store().append(stream, i, List.of(event("E" + i)));
        }

        StreamPage all = store().readPage(stream, 0, Integer.MAX_VALUE);
        StreamPage beyond = store().readPage(stream, Long.MAX_VALUE - 1, Integer.MAX_VALUE);

        assertThat(all.events()).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(all.hasMore()).isFalse();
        assertThat(beyond.events()).isEmpty();
        assertThat(beyond.hasMore()).isFalse();
    }

    @Test
    void concurrent_writers_to_one_stream_never_lose_or_duplicate_an_event() throws Exception {
        String stream = newStream();
        int writers = 8;
        int appendsEach = 100;
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            tasks.add(() -> appendWithRetries(stream, appendsEach));
        }
        Set<String> written = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (Future<List<String>> f : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
                written.addAll(f.get());
            }
        }

        List<RecordedEvent> events = store().readAfter(stream, 0);
        assertThat(events).hasSize(writers * appendsEach);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).version()).isEqualTo(i + 1L);
        }
        assertThat(events)
                .extracting(RecordedEvent::eventId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(written);
    }

    @Test
    void parallel_streams_do_not_cross_talk() throws Exception {
        int streams = 50;
        int eventsEach = 4;
        List<String> ids = new ArrayList<>();
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            String stream = newStream();
            ids.add(stream);
            tasks.add(() -> appendWithRetries(stream, eventsEach));
        }
        List<List<String>> writtenPerStream = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<List<String>> f : pool.invokeAll(tasks, 5, TimeUnit.MINUTES)) {
                writtenPerStream.add(f.get());
            }
        }
        for (int s = 0; s < streams; s++) {
            List<RecordedEvent> events = store().readAfter(ids.get(s), 0);
            assertThat(events).extracting(RecordedEvent::streamId).containsOnly(ids.get(s));
            assertThat(events).extracting(RecordedEvent::eventId).containsExactlyElementsOf(writtenPerStream.get(s));
        }
    }

    private List<String> appendWithRetries(String stream, int count) {
        List<String> written = new ArrayList<>();
        long version = store().readAfter(stream, 0).size();
        while (written.size() < count) {
            NewEvent next = event("Appended");
            try {
                version = store().append(stream, version, List.of(next)).version();
                written.add(next.eventId());
            } catch (WrongExpectedVersionException conflict) {
                version = conflict.actualVersionAtLeast(); // catch up from what the store told us
                version = version + store().readAfter(stream, version).size();
            }
        }
        return written;
    }

    @Test
    void an_inline_view_is_written_with_the_events_it_reflects() {
        InlineViews views = views();
        String stream = newStream();
        store().append(stream, 0, List.of(event("A")), Optional.empty(), List.of(view(stream, 1, 10)));
        store().append(stream, 1, List.of(event("B"), event("C")), Optional.empty(), List.of(view(stream, 3, 30)));

        assertThat(views.findView(VIEW, stream)).hasValueSatisfying(found -> {
            assertThat(found.version()).isEqualTo(3);
            assertThat(found.number("total")).isEqualTo(30);
            assertThat(found.string("status")).isEqualTo("OPEN");
            assertThat(found.attributes()).containsEntry("open", true);
        });
        assertThat(views.findView(VIEW, newStream())).isEmpty();
    }

    @Test
    void an_append_that_loses_its_race_writes_no_inline_view() {
        InlineViews views = views();
        String stream = newStream();
        store().append(stream, 0, List.of(event("Winner")), Optional.empty(), List.of(view(stream, 1, 10)));

        assertThatThrownBy(() -> store().append(
                                stream, 0, List.of(event("Loser")), Optional.empty(), List.of(view(stream, 1, 99))))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(views.findView(VIEW, stream))
                .hasValueSatisfying(found -> assertThat(found.number("total")).isEqualTo(10));
    }

    @Test
    void an_inline_view_never_goes_back_and_refusing_it_appends_nothing() {
        InlineViews views = views();
        String stream = newStream();
        store().append(stream, 0, List.of(event("A"), event("B")), Optional.empty(), List.of(view(stream, 2, 20)));

        assertThatThrownBy(() ->
                        store().append(stream, 2, List.of(event("C")), Optional.empty(), List.of(view(stream, 1, 5))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already past version 1");
        assertThat(store().readAfter(stream, 0)).hasSize(2);
        assertThat(views.findView(VIEW, stream))
                .hasValueSatisfying(found -> assertThat(found.version()).isEqualTo(2));
    }
}
