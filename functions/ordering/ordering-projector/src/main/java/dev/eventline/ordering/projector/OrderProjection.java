package dev.eventline.ordering.projector;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamId;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.streams.Checkpoint;
import dev.eventline.streams.OrderedConsumer;
import dev.eventline.streams.Parallel;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamWork;
import dev.eventline.streams.push.PushNotifier;
import dev.eventline.streams.push.Subscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordering read models, projected a batch at a time. The runtime hands over each order's new
 * events in version order; then:
 *
 * <ol>
 *   <li>every order's events are folded onto its stored summary, in memory;</li>
 *   <li>the batch's captured payments are counted in daily sales, coalesced per day and currency;</li>
 *   <li>each order's orders-by-customer item and then its summary are written, one conditional
 *       PutItem each, however many events the order had in the batch (orders in parallel);</li>
 *   <li>the order's WebSocket subscribers are told the new version (best effort, see
 *       {@link PushNotifier}).</li>
 * </ol>
 *
 * <p>The summary's {@code version} is the checkpoint, so it is written last: whatever it covers is
 * already in the other read models, so a retry after any failure re-applies exactly what is
 * missing, and the daily-sales markers absorb a payment counted before the failure.
 */
final class OrderProjection implements OrderedConsumer<OrderState> {
    private final ReadModelStore readModels;
    private final SliceFolder folder;
    private final DailySalesWriter dailySales;
    private final Parallel parallel;
    private final Clock clock;
    private final StructuredLogger log;
    private final EmfMetrics metrics;
    private final Tracing tracing;
    private final PushNotifier push;

    OrderProjection(
            ReadModelStore readModels,
            SliceFolder folder,
            DailySalesWriter dailySales,
            Parallel parallel,
            Clock clock,
            StructuredLogger log,
            EmfMetrics metrics,
            Tracing tracing,
            PushNotifier push) {
        this.readModels = readModels;
        this.folder = folder;
        this.dailySales = dailySales;
        this.parallel = parallel;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
        this.tracing = tracing;
        this.push = push;
    }

    /** One consistent GetItem of the order's summary: its {@code version} is the checkpoint. */
    @Override
    public Optional<Checkpoint<OrderState>> checkpoint(String streamId) {
        String orderId = orderIdOf(streamId);
        if (orderId == null) {
            return Optional.empty();
        }
        Optional<ProjectedOrder> stored = readModels.load(orderId);
        return Optional.of(new Checkpoint<>(
                stored.map(ProjectedOrder::version).orElse(0L),
                stored.map(ProjectedOrder::state).orElse(OrderDecider.INSTANCE.initial())));
    }

    @Override
    public List<SliceOutcome> apply(List<StreamWork<OrderState>> work) {
        List<FoldedSlice> folded =
                work.stream().map(w -> folder.fold(w, orderIdOf(w.streamId()))).toList();
        Map<String, RuntimeException> paymentFailures = dailySales.record(
                folded.stream().flatMap(f -> f.payments().stream()).toList());
        return parallel.map(
                folded,
                f -> tracing.inSpan(
                        "ProjectOrderStream",
                        TraceAnnotations.of(f.work()),
                        TraceAnnotations.links(f.work()),
                        () -> write(f, paymentFailures.get(f.work().streamId()))));
    }

    private SliceOutcome write(FoldedSlice folded, RuntimeException paymentFailure) {
        StreamWork<OrderState> work = folded.work();
        if (paymentFailure != null) {
            return work.failed(folded.storedVersion(), paymentFailure);
        }
        if (folded.advanced()) {
            try {
                CustomerOrderItem.of(folded.state(), folded.appliedVersion()).ifPresent(readModels::save);
                readModels.save(new ProjectedOrder(folded.state(), folded.appliedVersion(), clock.instant()));
            } catch (RuntimeException writeFailure) {
                return work.failed(folded.storedVersion(), writeFailure);
            }
            recordApplied(folded);
            announce(folded);
        }
        return folded.failure() == null ? work.completed() : work.failed(folded.appliedVersion(), folded.failure());
    }

    /**
     * After the summary (written last) committed, so a client re-reading either read model finds the
     * announced version. One message per order and batch, with the highest version; the customer's
     * subscribers ("my orders") get the same message.
     */
    private void announce(FoldedSlice folded) {
        if (!push.enabled() || folded.applied().isEmpty()) {
            return;
        }
        String streamId = folded.work().streamId();
        RecordedEvent last = folded.applied().getLast();
        List<String> keys = folded.state().customerId() == null
                ? List.of(streamId)
                : List.of(streamId, Subscriptions.customerKey(folded.state().customerId()));
        push.announce(
                new PushNotifier.Notification(streamId, folded.appliedVersion(), last.type(), "order-summary"), keys);
    }

    private void recordApplied(FoldedSlice folded) {
        Instant now = clock.instant();
        metrics.count("EventsProjected", folded.applied().size());
        for (RecordedEvent event : folded.applied()) {
            long lagMs = Math.max(0, Duration.between(event.recordedAt(), now).toMillis());
            metrics.milliseconds("ProjectionLagMs", lagMs);
            if (log.isEnabled(StructuredLogger.Level.DEBUG)) {
                log.with("correlationId", event.metadata().correlationId())
                        .with("eventId", event.eventId())
                        .with("streamId", event.streamId())
                        .with("version", event.version())
                        .log(
                                StructuredLogger.Level.DEBUG,
                                "event projected",
                                null,
                                Map.of("type", event.type(), "lagMs", lagMs));
            }
        }
    }

    private static String orderIdOf(String streamId) {
        try {
            StreamId id = StreamId.parse(streamId);
            return "Order".equals(id.category()) ? id.id() : null;
        } catch (IllegalArgumentException notAStreamId) {
            return null;
        }
    }
}
