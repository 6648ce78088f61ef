package dev.eventline.streams;

import static dev.eventline.streams.TestRecords.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.streams.VersionCheck.VersionRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionCheckTest {
    private static final String S = "Order-1";

    @Test
    void in_order_events_after_the_checkpoint_are_all_fresh() {
        VersionCheck check = VersionCheck.of(2, List.of(event(S, 3), event(S, 4)));

        assertThat(check.fresh()).extracting(RecordedEvent::version).containsExactly(3L, 4L);
        assertThat(check.duplicates()).isEmpty();
        assertThat(check.hasGaps()).isFalse();
    }

    @Test
    void events_at_or_below_the_checkpoint_and_repeats_are_duplicates() {
        VersionCheck check = VersionCheck.of(2, List.of(event(S, 1), event(S, 2), event(S, 3), event(S, 3)));

        assertThat(check.duplicates()).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(check.fresh()).extracting(RecordedEvent::version).containsExactly(3L);
    }

    @Test
    void reordered_events_are_sorted_and_holes_named() {
        VersionCheck check = VersionCheck.of(1, List.of(event(S, 7), event(S, 4), event(S, 5)));

        assertThat(check.fresh()).extracting(RecordedEvent::version).containsExactly(4L, 5L, 7L);
        assertThat(check.missing()).containsExactly(new VersionRange(2, 3), new VersionRange(6, 6));
        assertThat(check.missingCount()).isEqualTo(3);
    }

    @Test
    void nothing_delivered_means_nothing_missing() {
        assertThat(VersionCheck.of(5, List.of()).hasGaps()).isFalse();
    }
}
