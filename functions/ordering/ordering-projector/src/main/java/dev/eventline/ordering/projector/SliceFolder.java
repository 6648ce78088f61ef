package dev.eventline.ordering.projector;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamId;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.streams.StreamSlice;
import dev.eventline.streams.UnprocessableEventException;
import dev.eventline.streams.VersionCheck;
import dev.eventline.streams.VersionCheck.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Folds one order's slice of a batch onto its stored summary, reading nothing but that summary
 * unless the batch has a gap.
 *
 * <ol>
 *   <li>One consistent GetItem of the summary: its {@code version} is the checkpoint.</li>
 *   <li>Delivered events at or below it are duplicates; the rest are applied in version order.</li>
 *   <li>Versions missing between the checkpoint and a delivered event are read from the events
 *       table (one query per hole), so out-of-order, split or partially redelivered batches all
 *       converge on the same state as an in-order delivery.</li>
 *   <li>Folding stops at the first event that cannot be applied; everything before it still counts.</li>
 * </ol>
 */
final class SliceFolder {
    private final ReadModelStore readModels;
    private final GapReader gaps;
    private final EventCodec<OrderEvent> codec;

    SliceFolder(ReadModelStore readModels, GapReader gaps, EventCodec<OrderEvent> codec) {
        this.readModels = readModels;
        this.gaps = gaps;
        this.codec = codec;
    }

    FoldedSlice fold(StreamSlice slice) {
        String orderId = orderIdOf(slice.streamId());
        if (orderId == null) {
            long version = slice.deliveries().getFirst().version().orElse(0L);
            return FoldedSlice.failed(slice, null, 0, new UnprocessableEventException(slice.streamId(), version, null,
                    new IllegalArgumentException("not an order stream: " + slice.streamId())));
        }
        Optional<ProjectedOrder> stored;
        try {
            stored = readModels.load(orderId);
        } catch (RuntimeException transientFailure) {
            return FoldedSlice.failed(slice, orderId, 0, transientFailure);
        }
        long storedVersion = stored.map(ProjectedOrder::version).orElse(0L);
        OrderState state = stored.map(ProjectedOrder::state).orElse(OrderDecider.INSTANCE.initial());
        return foldFrom(slice, orderId, storedVersion, state);
    }

    private FoldedSlice foldFrom(StreamSlice slice, String orderId, long storedVersion, OrderState initial) {
        VersionCheck check = VersionCheck.of(storedVersion, slice.events());
        TreeMap<Long, RecordedEvent> toApply = new TreeMap<>();
        check.fresh().forEach(e -> toApply.put(e.version(), e));

        // the fold may not go past the first event that is known to be broken
        RuntimeException failure = firstUndecodable(slice, storedVersion).orElse(null);
        long stopAt = failure instanceof UnprocessableEventException u ? u.version() : Long.MAX_VALUE;

        for (VersionRange missing : check.missing()) {
            if (missing.from() >= stopAt) {
                break;
            }
            VersionRange wanted = new VersionRange(missing.from(), Math.min(missing.to(), stopAt - 1));
            try {
                GapReader.GapRead read = gaps.read(slice.streamId(), wanted);
                read.events().forEach(e -> toApply.put(e.version(), e));
                if (read.unreadable().isPresent()) {
                    failure = read.unreadable().get();
                    stopAt = read.unreadable().get().version();
                }
            } catch (RuntimeException transientFailure) {
                failure = transientFailure;
                stopAt = wanted.from();
            }
        }

        OrderState state = initial;
        long version = storedVersion;
        List<RecordedEvent> applied = new ArrayList<>();
        List<Payment> payments = new ArrayList<>();
        for (RecordedEvent event : toApply.headMap(stopAt).values()) {
            if (event.version() != version + 1) {
                break; // only after a failure: a hole that could not be repaired
            }
            OrderEvent decoded;
            try {
                decoded = codec.decode(event);
                state = OrderDecider.INSTANCE.evolve(state, decoded);
            } catch (RuntimeException unprocessable) {
                failure = new UnprocessableEventException(event.streamId(), event.version(), event.eventId(), unprocessable);
                break;
            }
            if (decoded instanceof PaymentCaptured paid) {
                payments.add(new Payment(slice.streamId(), orderId, paid.amount(), paid.currency(), paid.capturedAt()));
            }
            version = event.version();
            applied.add(event);
        }
        java.util.Set<Long> delivered = new java.util.HashSet<>();
        check.fresh().forEach(e -> delivered.add(e.version()));
        int repaired = (int) applied.stream().filter(e -> !delivered.contains(e.version())).count();
        return new FoldedSlice(slice, orderId, storedVersion, state, version, payments, applied,
                check.duplicates().size(), repaired, failure);
    }

    /** A delivered record above the checkpoint whose image is not an event: the fold must stop there. */
    private static Optional<RuntimeException> firstUndecodable(StreamSlice slice, long storedVersion) {
        return slice.undecodable().stream()
                .filter(d -> d.version().map(v -> v > storedVersion).orElse(true))
                .min(java.util.Comparator.comparingLong(d -> d.version().orElse(storedVersion + 1)))
                .map(d -> new UnprocessableEventException(slice.streamId(), d.version().orElse(storedVersion + 1), null,
                        d.failure()));
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
