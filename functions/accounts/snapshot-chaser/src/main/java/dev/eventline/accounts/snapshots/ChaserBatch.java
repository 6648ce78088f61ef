package dev.eventline.accounts.snapshots;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.streams.Delivery;
import dev.eventline.streams.StreamBatch;
import dev.eventline.streams.StreamSlice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One stream batch through the {@link SnapshotChaser}: per stream in the batch, the highest version
 * seen is all that matters. A stream that fails is reported by its first record in the batch; the
 * response names the earliest such record, because Lambda retries from the lowest reported sequence
 * number (records of other streams after it come back too, and are cheap no-ops the second time).
 */
final class ChaserBatch {
    private final SnapshotChaser chaser;
    private final StructuredLogger log;
    private final EmfMetrics metrics;

    ChaserBatch(SnapshotChaser chaser, StructuredLogger log, EmfMetrics metrics) {
        this.chaser = chaser;
        this.log = log;
        this.metrics = metrics;
    }

    StreamsEventResponse process(DynamodbEvent event) {
        StreamBatch batch = StreamBatch.of(event);
        Optional<Delivery> retryFrom = Optional.empty();
        int written = 0;
        int failed = 0;
        for (StreamSlice slice : batch.slices()) {
            Delivery first = slice.deliveries().getFirst();
            try {
                if (chase(slice).isPresent()) {
                    written++;
                }
            } catch (RuntimeException failure) {
                failed++;
                log.with("streamId", slice.streamId()).with("sequenceNumber", first.sequenceNumber())
                        .error("snapshot chase failed; the batch is retried from this record", failure);
                if (retryFrom.isEmpty() || first.position() < retryFrom.get().position()) {
                    retryFrom = Optional.of(first);
                }
            }
        }
        metrics.count("SnapshotsWritten", written);
        metrics.count("SnapshotChaseFailures", failed);
        metrics.flush();
        return new StreamsEventResponse(retryFrom.map(d -> List.of(new BatchItemFailure(d.sequenceNumber()))).orElse(List.of()));
    }

    /**
     * Only keys are needed (stream and version), so even a record whose image cannot be decoded
     * still tells how far its stream got; a record without a readable version fails its stream.
     */
    private OptionalLong chase(StreamSlice slice) {
        if (StreamBatch.UNKNOWN_STREAM.equals(slice.streamId())) {
            throw new IllegalArgumentException("stream records without a streamId key");
        }
        long highest = 0;
        for (Delivery delivery : slice.deliveries()) {
            highest = Math.max(highest, delivery.version().orElseThrow(() ->
                    new IllegalArgumentException("stream record " + delivery.sequenceNumber() + " has no version key")));
        }
        OptionalLong snapshot = chaser.chase(slice.streamId(), highest);
        snapshot.ifPresent(version -> log.with("streamId", slice.streamId()).with("version", version)
                .info("snapshot written"));
        return snapshot;
    }
}
