package dev.eventline.ordering.projector;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.streams.BatchProcessor;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.SliceOutcome.Completed;
import dev.eventline.streams.SliceOutcome.Failed;
import dev.eventline.streams.StreamBatch;
import dev.eventline.streams.StreamSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordering read models, projected a batch at a time in three steps:
 *
 * <ol>
 *   <li>fold every order's slice onto its stored summary (streams in parallel);</li>
 *   <li>count the batch's captured payments in daily sales, coalesced per day and currency;</li>
 *   <li>write each order's orders-by-customer item and then its summary, one conditional PutItem
 *       each, however many events the order had in the batch (streams in parallel).</li>
 * </ol>
 *
 * <p>The summary is written last because its {@code version} is the checkpoint: whatever it covers
 * is already in the other read models, so a retry after any failure re-applies exactly what is
 * missing, and the daily-sales markers absorb a payment counted before the failure.
 */
final class OrderProjection implements BatchProcessor.Projection {
    private final SliceFolder folder;
    private final DailySalesWriter dailySales;
    private final ReadModelStore readModels;
    private final Parallel parallel;
    private final Clock clock;
    private final StructuredLogger log;
    private final EmfMetrics metrics;
    private final Tracing tracing;

    OrderProjection(SliceFolder folder, DailySalesWriter dailySales, ReadModelStore readModels, Parallel parallel,
                    Clock clock, StructuredLogger log, EmfMetrics metrics, Tracing tracing) {
        this.folder = folder;
        this.dailySales = dailySales;
        this.readModels = readModels;
        this.parallel = parallel;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public List<SliceOutcome> project(StreamBatch batch) {
        List<FoldedSlice> folded = parallel.map(batch.slices(), this::fold);
        Map<String, RuntimeException> paymentFailures = dailySales.record(
                folded.stream().flatMap(f -> f.payments().stream()).toList());
        List<SliceOutcome> outcomes = parallel.map(folded, f -> write(f, paymentFailures.get(f.slice().streamId())));
        logBatch(batch, folded, outcomes);
        return outcomes;
    }

    private FoldedSlice fold(StreamSlice slice) {
        return tracing.inSubsegment("ProjectOrderStream", TraceAnnotations.of(slice), () -> folder.fold(slice));
    }

    private SliceOutcome write(FoldedSlice folded, RuntimeException paymentFailure) {
        StreamSlice slice = folded.slice();
        if (paymentFailure != null) {
            return new Failed(slice, folded.storedVersion(), paymentFailure);
        }
        if (folded.advanced()) {
            try {
                CustomerOrderItem.of(folded.state(), folded.appliedVersion()).ifPresent(readModels::save);
                readModels.save(new ProjectedOrder(folded.state(), folded.appliedVersion(), clock.instant()));
            } catch (RuntimeException writeFailure) {
                return new Failed(slice, folded.storedVersion(), writeFailure);
            }
            recordApplied(folded);
        }
        metrics.count("DuplicatesSkipped", folded.duplicates());
        return folded.failure() == null
                ? new Completed(slice, folded.appliedVersion())
                : new Failed(slice, folded.appliedVersion(), folded.failure());
    }

    private void recordApplied(FoldedSlice folded) {
        Instant now = clock.instant();
        metrics.count("EventsProjected", folded.applied().size());
        metrics.count("GapsRepaired", folded.repaired());
        for (RecordedEvent event : folded.applied()) {
            long lagMs = Math.max(0, Duration.between(event.recordedAt(), now).toMillis());
            metrics.milliseconds("ProjectionLagMs", lagMs);
            if (log.isEnabled(StructuredLogger.Level.DEBUG)) {
                log.with("correlationId", event.metadata().correlationId()).with("eventId", event.eventId())
                        .with("streamId", event.streamId()).with("version", event.version())
                        .log(StructuredLogger.Level.DEBUG, "event projected", null, Map.of("type", event.type(), "lagMs", lagMs));
            }
        }
    }

    private void logBatch(StreamBatch batch, List<FoldedSlice> folded, List<SliceOutcome> outcomes) {
        Map<String, Object> counts = new HashMap<>();
        counts.put("records", batch.records().size());
        counts.put("streams", batch.slices().size());
        counts.put("eventsApplied", folded.stream().mapToInt(f -> f.applied().size()).sum());
        counts.put("duplicatesSkipped", folded.stream().mapToInt(FoldedSlice::duplicates).sum());
        counts.put("gapsRepaired", folded.stream().mapToInt(FoldedSlice::repaired).sum());
        counts.put("failedStreams", outcomes.stream().filter(o -> o instanceof Failed).count());
        log.info("batch projected", counts);
    }
}
