package dev.eventline.streams;

import dev.eventline.eventstore.EventReader;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import java.util.Objects;

/**
 * The one runtime of every DynamoDB Streams consumer of an events table. Whatever the consumer does
 * with the events, the runtime gives it the same guarantees:
 *
 * <ul>
 *   <li>partial batch failures: the lowest record not done is reported ({@code ReportBatchItemFailures}),
 *       other streams carry on;</li>
 *   <li>poison parked with the full record after {@code MAX_RECORD_ATTEMPTS} ({@link PoisonParking});</li>
 *   <li>records that modified or removed an event item counted ({@code TamperedRecords}) and parked;</li>
 *   <li>for an {@link OrderedConsumer}: per-stream checkpoints, duplicates skipped, gaps repaired
 *       from the events table, nothing applied after an event that failed;</li>
 *   <li>redrive by stream and version from the events table ({@link StreamRedrive}).</li>
 * </ul>
 *
 * A {@link LatestVersionConsumer} (the snapshot chaser) is told only the latest version per stream.
 */
public final class StreamConsumerRuntime implements StreamRedrive {
    private final Consumption consumption;
    private final BatchProcessor processor;
    private final EmfMetrics metrics;

    private StreamConsumerRuntime(Consumption consumption, PoisonParking parking, Observability observability) {
        this.consumption = consumption;
        this.processor = new BatchProcessor(consumption, parking, observability.log(), observability.metrics());
        this.metrics = observability.metrics();
        if (!parking.canPark()) {
            observability
                    .log()
                    .warn("no DEAD_LETTER_QUEUE configured: failing records are retried until the event "
                            + "source mapping gives up, and are never parked");
        }
    }

    /**
     * @param events   the events table the stream comes from, read for gaps and redrives only
     * @param parallel how many streams of a batch are sequenced at once
     */
    public static <S> StreamConsumerRuntime ordered(
            OrderedConsumer<S> consumer,
            EventReader events,
            Parallel parallel,
            PoisonParking parking,
            Observability observability) {
        return new StreamConsumerRuntime(
                new OrderedConsumption<>(
                        Objects.requireNonNull(consumer, "consumer"),
                        new StreamSequencer(new GapReader(events)),
                        parallel,
                        observability.log(),
                        observability.metrics()),
                parking,
                observability);
    }

    public static StreamConsumerRuntime latestVersion(
            LatestVersionConsumer consumer, PoisonParking parking, Observability observability) {
        return new StreamConsumerRuntime(
                new LatestVersionConsumption(Objects.requireNonNull(consumer, "consumer")), parking, observability);
    }

    /** One invocation; the metrics are written when it ends. */
    public BatchResponse process(StreamEvent event) {
        try {
            return processor.process(event);
        } finally {
            metrics.flush();
        }
    }

    @Override
    public SliceOutcome redrive(String streamId, long version) {
        if (streamId == null || streamId.isBlank() || version < 1) {
            throw new IllegalArgumentException(
                    "a redrive names a stream and a version >= 1, was " + streamId + "@" + version);
        }
        try {
            return consumption.redrive(streamId, version);
        } finally {
            metrics.flush();
        }
    }
}
