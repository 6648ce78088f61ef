package dev.eventline.streams;

import static dev.eventline.streams.TestRecords.event;
import static dev.eventline.streams.TestRecords.insert;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamBatchTest {

    @Test
    void records_are_grouped_by_stream_in_batch_order() {
        StreamBatch batch = StreamBatch.of(TestRecords.batch(
                insert(event("Order-a", 1), 10), insert(event("Order-b", 1), 11),
                insert(event("Order-a", 3), 12), insert(event("Order-a", 2), 13)));

        assertThat(batch.slices()).extracting(StreamSlice::streamId).containsExactly("Order-a", "Order-b");
        assertThat(batch.slices().getFirst().deliveries())
                .extracting(Delivery::position)
                .containsExactly(0, 2, 3);
        assertThat(batch.slices().getFirst().firstNotAppliedAfter(1))
                .map(Delivery::sequenceNumber)
                .contains("12");
        assertThat(batch.slices().getFirst().firstNotAppliedAfter(3)).isEmpty();
        assertThat(batch.eventCount()).isEqualTo(4);
    }

    @Test
    void an_undecodable_record_stays_in_its_stream_with_the_version_from_its_keys() {
        StreamBatch batch = StreamBatch.of(TestRecords.batch(TestRecords.broken("Order-a", 4, 20)));

        Delivery broken = batch.slices().getFirst().deliveries().getFirst();
        assertThat(batch.slices().getFirst().streamId()).isEqualTo("Order-a");
        assertThat(broken.isDecoded()).isFalse();
        assertThat(broken.failure()).isInstanceOf(IllegalArgumentException.class);
        assertThat(broken.version()).contains(4L);
    }

    @Test
    void modifications_and_removals_are_not_events() {
        StreamBatch batch = StreamBatch.of(TestRecords.batch(TestRecords.record("REMOVE", "Order-a", 1, Map.of(), 30)));

        assertThat(batch.slices()).isEmpty();
        assertThat(batch.notEvents()).hasSize(1);
    }
}
