package dev.eventline.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pauses between attempts on a hot stream: pure arithmetic over a seeded random source. */
class ConflictRetriesTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(5), Duration.ofMillis(100));

    @Test
    void the_ceiling_doubles_from_the_base_and_stops_at_the_cap() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(BACKOFF::ceiling).map(Duration::toMillis))
                .containsExactly(5L, 10L, 20L, 40L, 80L, 100L, 100L, 100L, 100L);
        assertThat(BACKOFF.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void each_pause_is_drawn_between_zero_and_its_ceiling() {
        SplittableRandom random = new SplittableRandom(8);
        for (int retry = 1; retry <= 20; retry++) {
            for (int draw = 0; draw < 50; draw++) {
                assertThat(BACKOFF.pause(retry, random)).isBetween(Duration.ZERO, BACKOFF.ceiling(retry));
            }
        }
    }

    @Test
    void no_backoff_means_no_pause() {
        Backoff none = new Backoff(Duration.ZERO, Duration.ZERO);
        assertThat(none.pause(1_000, new SplittableRandom(1))).isZero();
    }

    @Test
    void the_first_lost_race_is_retried_at_once_and_later_ones_after_a_pause() {
        ConflictRetries retries = new ConflictRetries(Duration.ofSeconds(3), BACKOFF, 100);
        SplittableRandom random = new SplittableRandom(3);

        assertThat(retries.pauseAfter(1, Duration.ZERO, Duration.ZERO, random)).contains(Duration.ZERO);
        assertThat(retries.pauseAfter(2, Duration.ZERO, Duration.ZERO, random))
                .hasValueSatisfying(pause -> assertThat(pause).isBetween(Duration.ZERO, Duration.ofMillis(5)));
    }

    @Test
    void a_pause_is_cut_to_end_with_the_budget_and_no_attempt_starts_after_it_nor_past_the_attempt_ceiling() {
        ConflictRetries retries = new ConflictRetries(Duration.ofSeconds(1), BACKOFF, 10);
        RandomGenerator longest = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };

        assertThat(retries.pauseAfter(1, Duration.ofSeconds(1), Duration.ZERO, longest))
                .isEmpty();
        assertThat(retries.pauseAfter(2, Duration.ofMillis(994), Duration.ZERO, longest))
                .contains(Duration.ofMillis(5));
        assertThat(retries.pauseAfter(2, Duration.ofMillis(998), Duration.ZERO, longest))
                .contains(Duration.ofMillis(2));
        assertThat(retries.pauseAfter(2, Duration.ofMillis(1001), Duration.ZERO, longest))
                .isEmpty();
        assertThat(retries.pauseAfter(9, Duration.ZERO, Duration.ZERO, longest)).isPresent();
        assertThat(retries.pauseAfter(10, Duration.ZERO, Duration.ZERO, longest))
                .as("the ceiling on attempts")
                .isEmpty();
    }

    @Test
    void the_slot_raises_the_base_to_a_round_trip_but_never_past_the_cap() {
        assertThat(BACKOFF.withSlot(Duration.ofMillis(1)).ceiling(1)).isEqualTo(Duration.ofMillis(5));
        assertThat(BACKOFF.withSlot(Duration.ofMillis(30)).ceiling(2)).isEqualTo(Duration.ofMillis(60));
        assertThat(BACKOFF.withSlot(Duration.ofSeconds(5)).ceiling(1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void a_function_sets_its_budget_in_milliseconds_or_keeps_the_default() {
        assertThat(ConflictRetries.fromSetting(Optional.empty())).isEqualTo(ConflictRetries.DEFAULT);
        assertThat(ConflictRetries.fromSetting(Optional.of(" 1500 ")).budget()).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> ConflictRetries.fromSetting(Optional.of("3s")))
                .hasMessageContaining(ConflictRetries.BUDGET_VARIABLE)
                .hasMessageContaining("3s");
        assertThatThrownBy(() -> ConflictRetries.fromSetting(Optional.of("0")))
                .hasMessageContaining(ConflictRetries.BUDGET_VARIABLE);
    }

    @Test
    void a_budget_or_a_backoff_that_cannot_work_is_refused_when_configured() {
        assertThatThrownBy(() -> new ConflictRetries(Duration.ZERO, BACKOFF, 10))
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new ConflictRetries(Duration.ofSeconds(1), BACKOFF, 0))
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(10), Duration.ofMillis(5)))
                .hasMessageContaining("PT0.01S");
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
