package dev.eventline.streams;

import dev.eventline.streams.SliceOutcome.Completed;
import dev.eventline.streams.SliceOutcome.Failed;
import java.util.List;

/**
 * A batch through a {@link LatestVersionConsumer}: per stream, the highest version delivered. Only
 * the records' keys are read, so even a record whose image does not decode still says how far its
 * stream got; a record without a version key is poison.
 */
final class LatestVersionConsumption implements Consumption {
    private final LatestVersionConsumer consumer;

    LatestVersionConsumption(LatestVersionConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public List<SliceOutcome> project(StreamBatch batch) {
        return batch.slices().stream().map(this::consume).toList();
    }

    private SliceOutcome consume(StreamSlice slice) {
        try {
            long highest = highestVersion(slice);
            consumer.reached(slice.streamId(), highest, slice.events());
            return new Completed(slice, highest);
        } catch (RuntimeException failure) {
            return new Failed(slice, 0, failure); // retried from the stream's first record in the batch
        }
    }

    @Override
    public SliceOutcome redrive(String streamId, long version) {
        StreamSlice slice = new StreamSlice(streamId, List.of());
        try {
            consumer.reached(streamId, version);
            return new Completed(slice, version);
        } catch (RuntimeException failure) {
            return new Failed(slice, 0, failure);
        }
    }

    private static long highestVersion(StreamSlice slice) {
        if (StreamBatch.UNKNOWN_STREAM.equals(slice.streamId())) {
            throw Consumption.notConsumable(slice, "stream records without a streamId key");
        }
        long highest = 0;
        for (Delivery delivery : slice.deliveries()) {
            highest = Math.max(
                    highest,
                    delivery.version()
                            .orElseThrow(() -> Consumption.notConsumable(
                                    slice, "stream record " + delivery.sequenceNumber() + " has no version key")));
        }
        return highest;
    }
}
