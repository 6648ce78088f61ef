package dev.eventline.streams;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.streams.SliceOutcome.Failed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The partial-batch-failure bookkeeping of a DynamoDB Streams consumer; what is done with the
 * records is plugged in ({@link StreamConsumerRuntime} plugs in the ordered or latest-version
 * consumption).
 *
 * <ol>
 *   <li>Records that modified or removed an event item are counted ({@code TamperedRecords}) and
 *       parked at once.</li>
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
final class BatchProcessor {

    /** Projects the slices of a batch; must return one outcome per slice and should not throw. */
    @FunctionalInterface
    interface Projection {
        List<SliceOutcome> project(StreamBatch batch);
    }

    private final Projection projection;
    private final PoisonParking parking;
    private final StructuredLogger log;
    private final EmfMetrics metrics;

    BatchProcessor(Projection projection, PoisonParking parking, StructuredLogger log, EmfMetrics metrics) {
        this.projection = Objects.requireNonNull(projection, "projection");
        this.parking = Objects.requireNonNull(parking, "parking");
        this.log = Objects.requireNonNull(log, "log");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    BatchResponse process(StreamEvent event) {
        StreamBatch batch = StreamBatch.of(event);
        List<Delivery> reports = new ArrayList<>();
        batch.notEvents().forEach(record -> onTampered(record).ifPresent(reports::add));
        if (!batch.slices().isEmpty()) {
            List<SliceOutcome> outcomes;
            try {
                outcomes = projection.project(batch);
            } catch (RuntimeException unexpected) {
                // a bug in the consumer: retry the whole batch rather than guess what was applied
                log.error("stream consumer failed for the whole batch", unexpected);
                metrics.count("BatchItemFailures", batch.slices().size());
                reports.add(batch.slices().getFirst().deliveries().getFirst());
                return response(reports);
            }
            for (SliceOutcome outcome : outcomes) {
                if (outcome instanceof Failed failed) {
                    onFailure(failed).ifPresent(reports::add);
                }
            }
        }
        metrics.count("BatchItemFailures", reports.size());
        return response(reports);
    }

    /**
     * A MODIFY or REMOVE of an event item: the store never does either, so it is counted and parked
     * at once with the full record, never acted on and never dropped.
     *
     * @return the record to report when it could not be parked
     */
    private Optional<Delivery> onTampered(Delivery delivery) {
        metrics.count("TamperedRecords", 1);
        StructuredLogger recordLog = log.with("sequenceNumber", delivery.sequenceNumber())
                .with("eventName", delivery.record().eventName())
                .with("streamId", StreamRecords.streamIdOf(delivery.record()).orElse(null))
                .with("version", delivery.version().orElse(null));
        try {
            if (parking.parkTampered(delivery.record())) {
                recordLog.error(
                        "an event item was changed or removed (the store never does either); record parked in the "
                                + "dead-letter queue",
                        null);
                return Optional.empty();
            }
            recordLog.error(
                    "an event item was changed or removed (the store never does either); no dead-letter queue, so "
                            + "the record is reported until the event source mapping gives up",
                    null);
        } catch (RuntimeException parkingFailed) {
            recordLog.error(
                    "an event item was changed or removed, and the record could not be parked; it will be retried",
                    parkingFailed);
        }
        return Optional.of(delivery);
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
                    recordLog.log(
                            StructuredLogger.Level.ERROR,
                            "event parked in the dead-letter queue after "
                                    + decision.attempts().count() + " attempts; the stream stays at version "
                                    + failed.appliedVersion(),
                            poison,
                            Map.of("attempts", decision.attempts().count()));
                    return Optional.empty();
                }
                recordLog.log(
                        StructuredLogger.Level.WARN,
                        "event failed (attempt " + decision.attempts().count() + " of " + parking.maxAttempts() + ")",
                        poison,
                        Map.of("attempts", decision.attempts().count()));
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
            recordLog = recordLog
                    .with("correlationId", event.metadata().correlationId())
                    .with("eventId", event.eventId())
                    .with("streamId", event.streamId())
                    .with("version", event.version());
        } else {
            recordLog = recordLog
                    .with(
                            "streamId",
                            StreamRecords.streamIdOf(delivery.record()).orElse(null))
                    .with("version", delivery.version().orElse(null));
        }
        if (poison != null) {
            recordLog = recordLog
                    .with("failedStreamId", poison.streamId())
                    .with("failedVersion", poison.version())
                    .with("failedEventId", poison.eventId());
        }
        return recordLog;
    }

    /** Lambda retries from the lowest reported sequence number, so the lowest record says it all. */
    private static BatchResponse response(List<Delivery> reports) {
        return BatchResponse.failed(reports.stream()
                .min(Comparator.comparingInt(Delivery::position))
                .map(d -> List.of(d.sequenceNumber()))
                .orElse(List.of()));
    }
}
