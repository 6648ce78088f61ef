package dev.eventline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.StreamFold.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one fold, in memory: decode, evolve, stop where asked, and name the event it cannot fold. */
class StreamFoldTest {
    private static final String STREAM = "Counter-1";
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final EventMetadata METADATA = new EventMetadata("cmd", "corr", "cmd", null, "tester", T0);

    /** Counter events as stored: v2 is {"n":x}; v1 was {"amount":x} and is upcast on decode. */
    private static final EventCodec<Counter.Event> CODEC = new EventCodec<>() {
        @Override
        public EncodedEvent encode(Counter.Event event) {
            return Counter.CODEC.encode(event);
        }

        @Override
        public Counter.Event decode(RecordedEvent event) {
            if (!event.type().equals("Added")) {
                throw new IllegalArgumentException("unknown event type " + event.type());
            }
            String data = event.schemaVersion() == 1 ? event.data().replace("\"amount\"", "\"n\"") : event.data();
            return Counter.CODEC.decode(new RecordedEvent(
                    event.streamId(),
                    event.version(),
                    event.eventId(),
                    event.type(),
                    2,
                    data,
                    event.metadata(),
                    event.recordedAt()));
        }
    };

    private final StreamFold<Counter.Event, Integer> fold = new StreamFold<>(CODEC, Counter.INSTANCE);

    private static RecordedEvent added(long version, int n) {
        return new RecordedEvent(
                STREAM,
                version,
                "e-" + version,
                "Added",
                2,
                "{\"n\":" + n + "}",
                METADATA,
                T0.plusSeconds(60 * version));
    }

    private static RecordedEvent stored(long version, String type, int schemaVersion, String data) {
        return new RecordedEvent(
                STREAM, version, "e-" + version, type, schemaVersion, data, METADATA, T0.plusSeconds(60 * version));
    }

    @Test
    void folds_every_event_from_the_initial_state_and_says_how_far_it_got() {
        Folded<Integer> folded = fold.fold(fold.initial(STREAM), List.of(added(1, 2), added(2, 3), added(3, 4)));

        assertThat(folded).isEqualTo(new Folded<>(STREAM, 9, 3, 3));
        assertThat(folded.exists()).isTrue();
    }

    @Test
    void nothing_to_fold_leaves_the_starting_point_and_a_stream_at_version_0_does_not_exist() {
        Folded<Integer> folded = fold.fold(fold.initial(STREAM), List.of());

        assertThat(folded).isEqualTo(new Folded<>(STREAM, 0, 0, 0));
        assertThat(folded.exists()).isFalse();
    }

    @Test
    void folds_on_from_a_state_at_a_version_such_as_a_snapshot_or_a_checkpoint() {
        Folded<Integer> folded = fold.fold(Folded.at(STREAM, 5, 2), List.of(added(3, 1), added(4, 1)));

        assertThat(folded).isEqualTo(new Folded<>(STREAM, 7, 4, 2));
    }

    @Test
    void counts_add_up_over_folds_that_continue_one_another() {
        Folded<Integer> first = fold.fold(fold.initial(STREAM), List.of(added(1, 1), added(2, 1)));

        assertThat(fold.fold(first, List.of(added(3, 1))).eventsFolded()).isEqualTo(3);
    }

    @Test
    void decodes_through_the_codec_so_old_schema_versions_arrive_upcast() {
        Folded<Integer> folded = fold.fold(
                fold.initial(STREAM),
                List.of(stored(1, "Added", 1, "{\"amount\":4}"), stored(2, "Added", 2, "{\"n\":1}")));

        assertThat(folded.state()).isEqualTo(5);
    }

    @Test
    void up_to_a_version_stops_after_it() {
        List<RecordedEvent> events = List.of(added(1, 1), added(2, 2), added(3, 3), added(4, 4));

        assertThat(fold.fold(fold.initial(STREAM), events, UpTo.version(2))).isEqualTo(new Folded<>(STREAM, 3, 2, 2));
        assertThat(fold.fold(fold.initial(STREAM), events, UpTo.version(9)).version())
                .isEqualTo(4);
    }

    @Test
    void up_to_an_instant_keeps_the_events_recorded_at_or_before_it() {
        List<RecordedEvent> events = List.of(added(1, 1), added(2, 2), added(3, 3));
        Instant secondRecorded = events.get(1).recordedAt();

        assertThat(fold.fold(fold.initial(STREAM), events, UpTo.recordedAtOrBefore(secondRecorded))
                        .version())
                .isEqualTo(2);
        assertThat(fold.fold(fold.initial(STREAM), events, UpTo.recordedAtOrBefore(secondRecorded.minusMillis(1)))
                        .version())
                .isEqualTo(1);
        assertThat(fold.fold(fold.initial(STREAM), events, UpTo.recordedAtOrBefore(T0))
                        .exists())
                .isFalse();
    }

    @Test
    void an_event_past_the_stop_is_not_checked_at_all() {
        Folded<Integer> folded =
                fold.fold(fold.initial(STREAM), List.of(added(1, 1), stored(2, "Garbage", 1, "?")), UpTo.version(1));

        assertThat(folded.version()).isEqualTo(1);
    }

    @Test
    void an_event_that_does_not_decode_fails_naming_its_stream_version_and_the_decoders_reason() {
        RecordedEvent unknown = stored(2, "Subtracted", 1, "{\"n\":1}");

        assertThatThrownBy(() -> fold.fold(fold.initial(STREAM), List.of(added(1, 1), unknown, added(3, 1))))
                .isInstanceOfSatisfying(UnfoldableEventException.class, e -> {
                    assertThat(e.event()).isEqualTo(unknown);
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                })
                .hasMessageContaining("Counter-1@2")
                .hasMessageContaining("Subtracted v1")
                .hasMessageContaining("does not decode")
                .hasMessageContaining("unknown event type Subtracted");
    }

    @Test
    void an_event_evolve_refuses_fails_naming_it() {
        Counter neverDown = new Counter() {
            @Override
            public Integer evolve(Integer state, Counter.Event event) {
                if (event.n() < 0) {
                    throw new IllegalStateException("a counter never goes down");
                }
                return super.evolve(state, event);
            }
        };
        StreamFold<Counter.Event, Integer> strict = new StreamFold<>(CODEC, neverDown);

        assertThatThrownBy(() -> strict.fold(strict.initial(STREAM), List.of(added(1, 1), added(2, -1))))
                .isInstanceOfSatisfying(
                        UnfoldableEventException.class,
                        e -> assertThat(e.event().version()).isEqualTo(2))
                .hasMessageContaining("evolve refuses it at version 1")
                .hasMessageContaining("a counter never goes down");
    }

    @Test
    void a_hole_a_repeat_or_another_streams_event_is_never_folded_over() {
        assertThatThrownBy(() -> fold.fold(fold.initial(STREAM), List.of(added(1, 1), added(3, 1))))
                .isInstanceOfSatisfying(
                        UnfoldableEventException.class,
                        e -> assertThat(e.event().version()).isEqualTo(3))
                .hasMessageContaining("version 2 must come next");
        assertThatThrownBy(() -> fold.fold(Folded.at(STREAM, 1, 1), List.of(added(1, 1))))
                .hasMessageContaining("Counter-1@1")
                .hasMessageContaining("version 2 must come next");
        RecordedEvent other = new RecordedEvent("Counter-2", 1, "x", "Added", 2, "{\"n\":1}", METADATA, T0);
        assertThatThrownBy(() -> fold.fold(fold.initial(STREAM), List.of(other)))
                .isInstanceOfSatisfying(
                        UnfoldableEventException.class,
                        e -> assertThat(e.event()).isEqualTo(other))
                .hasMessageContaining("another stream than Counter-1");
    }

    @Test
    void folding_until_a_failure_keeps_what_came_before_it_and_tells_of_each_applied_event() {
        List<Long> applied = new ArrayList<>();
        List<RecordedEvent> events = List.of(added(1, 2), added(2, 3), stored(3, "Added", 2, "{not json"), added(4, 1));

        Outcome<Integer> outcome = fold.foldUntilFailure(
                fold.initial(STREAM),
                events,
                UpTo.end(),
                (event, decoded) -> applied.add(event.version() * 100 + decoded.n()));

        assertThat(outcome.folded()).isEqualTo(new Folded<>(STREAM, 5, 2, 2));
        assertThat(outcome.failure())
                .hasValueSatisfying(e -> assertThat(e.event().version()).isEqualTo(3));
        assertThat(applied).containsExactly(102L, 203L);
        assertThatThrownBy(outcome::orThrow).isSameAs(outcome.failure().get());
    }

    @Test
    void a_fold_that_ran_to_its_end_has_no_failure() {
        Outcome<Integer> outcome =
                fold.foldUntilFailure(fold.initial(STREAM), List.of(added(1, 2)), UpTo.end(), (e, d) -> {});

        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.orThrow()).isEqualTo(new Folded<>(STREAM, 2, 1, 1));
    }
}
