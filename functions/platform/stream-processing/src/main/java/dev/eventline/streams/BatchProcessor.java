package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.streams.SliceOutcome.Failed;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The partial-batch-failure bookkeeping of a DynamoDB Streams consumer; the projection itself is
 * plugged in.
 *
 * <ol>
 *   <li>The batch is grouped by stream ({@link StreamBatch}); the projection handles every slice and
 *       says, per stream, up to which version it got.</li>
 *   <li>A slice that failed on one event ({@link UnprocessableEventException}) counts an attempt;
 *       once it has failed {@code MAX_RECORD_ATTEMPTS} times it is parked ({@link PoisonParking}) and
 *       acknowledged.</li>
 *   <li>Every other failed slice names the first of its records that is not applied. The response
 *       reports the lowest such record of the batch: Lambda retries from the lowest reported
 *       sequence number, so one item says it all, and records of other streams after it come back
 *       as duplicates, which the projection skips.</li>
 * </ol>
 */
public final class BatchProcessor {

    /** Projects the slices of a batch; must return one outcome per slice and should not throw. */
    @FunctionalInterface
    public interface Projection {
        List<SliceOutcome> project(StreamBatch batch);
    }

    private final Projection projection;
    private final PoisonParking parking;
    private final StructuredLogger log;
    private final EmfMetrics metrics;

    public BatchProcessor(Projection projection, PoisonParking parking, StructuredLogger log, EmfMetrics metrics) {
        this.projection = Objects.requireNonNull(projection, "projection");
        this.parking = Objects.requireNonNull(parking, "parking");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public StreamsEventResponse process(DynamodbEvent event) {
        StreamBatch batch = StreamBatch.of(event);
        batch.notEvents().forEach(d -> log.with("sequenceNumber", d.sequenceNumber()).with("eventName", d.record().getEventName())
                .warn("ignoring a stream record that is not an inserted event (the store only ever inserts)"));
        if (batch.slices().isEmpty()) {
            return new StreamsEventResponse(List.of());
        }
        List<SliceOutcome> outcomes;
        try {
            outcomes = projection.project(batch);
        } catch (RuntimeException unexpected) {
            // a bug in the projection: retry the whole batch rather than guess what was applied
            log.error("projection failed for the whole batch", unexpected);
            metrics.count("BatchItemFailures", batch.slices().size());
            return response(Optional.of(batch.slices().getFirst().deliveries().getFirst()));
        }
        Optional<Delivery> resumeAt = Optional.empty();
        int failures = 0;
        for (SliceOutcome outcome : outcomes) {
            if (outcome instanceof Failed failed) {
                Optional<Delivery> report = onFailure(failed);
                if (report.isPresent()) {
                    failures++;
                    if (resumeAt.isEmpty() || report.get().position() < resumeAt.get().position()) {
                        resumeAt = report;
                    }
                }
            }
        }
        metrics.count("BatchItemFailures", failures);
        return response(resumeAt);
    }

    /** @return the record to report, or empty when the failure was parked (acknowledged) */
    private Optional<Delivery> onFailure(Failed failed) {
        StreamSlice slice = failed.slice();
        Optional<Delivery> resume = slice.firstNotAppliedAfter(failed.appliedVersion());
        if (resume.isEmpty()) {
            return Optional.empty(); // everything delivered is applied: nothing to redeliver
        }
        if (failed.cause() instanceof UnprocessableEventException poison) {
            Delivery carrier = slice.deliveryOf(poison.version()).orElse(resume.get());
            StructuredLogger recordLog = forRecord(carrier, poison);
            try {
                PoisonParking.Decision decision = parking.onFailure(poison, carrier.record());
                if (decision.parked()) {
                    metrics.count("RecordsParked", 1);
                    recordLog.log(StructuredLogger.Level.ERROR, "event parked in the dead-letter queue after "
                            + decision.attempts().count() + " attempts; the stream stays at version " + failed.appliedVersion(),
                            poison, Map.of("attempts", decision.attempts().count()));
                    return Optional.empty();
                }
                recordLog.log(StructuredLogger.Level.WARN, "event failed (attempt " + decision.attempts().count() + " of "
                        + parking.maxAttempts() + ")", poison, Map.of("attempts", decision.attempts().count()));
            } catch (RuntimeException parkingFailed) {
                recordLog.error("could not park the event; it will be retried", parkingFailed);
            }
            return resume;
        }
        forRecord(resume.get(), null).warn("stream failed at this record; it will be retried", failed.cause());
        return resume;
    }

    private StructuredLogger forRecord(Delivery delivery, UnprocessableEventException poison) {
        StructuredLogger recordLog = log.with("sequenceNumber", delivery.sequenceNumber());
        RecordedEvent event = delivery.event();
        if (event != null) {
            recordLog = recordLog.with("correlationId", event.metadata().correlationId()).with("eventId", event.eventId())
                    .with("streamId", event.streamId()).with("version", event.version());
        } else {
            recordLog = recordLog.with("streamId", StreamRecords.streamIdOf(delivery.record()).orElse(null))
                    .with("version", delivery.version().orElse(null));
        }
        if (poison != null) {
            recordLog = recordLog.with("failedStreamId", poison.streamId()).with("failedVersion", poison.version())
                    .with("failedEventId", poison.eventId());
        }
        return recordLog;
    }

    private static StreamsEventResponse response(Optional<Delivery> resumeAt) {
        return new StreamsEventResponse(resumeAt
                .map(d -> List.of(new BatchItemFailure(d.sequenceNumber())))
                .orElse(List.of()));
    }
}
