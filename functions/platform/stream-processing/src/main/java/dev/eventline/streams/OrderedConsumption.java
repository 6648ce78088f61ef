package dev.eventline.streams;

import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.streams.SliceOutcome.Completed;
import dev.eventline.streams.SliceOutcome.Failed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A batch through an {@link OrderedConsumer}: per stream (in parallel) its checkpoint is read and
 * its records sequenced against it ({@link StreamSequencer}); the consumer then applies the streams
 * that have anything new. Counts {@code DuplicatesSkipped} and {@code GapsRepaired} (repaired events
 * the consumer really applied) and sums each batch up in one log line.
 */
final class OrderedConsumption<S> implements Consumption {
    /** Events per read when redriving a stream from the events table. */
    static final int REDRIVE_PAGE = 100;
    /** Pages one redrive goes through at most; a longer tail is caught up by the next delivery or redrive. */
    static final int MAX_REDRIVE_PAGES = 100;

    /** A stream's work, or its outcome when it never got as far as work. */
    private record Prepared<S>(StreamWork<S> work, SliceOutcome early) {}

    private final OrderedConsumer<S> consumer;
    private final StreamSequencer sequencer;
    private final Parallel parallel;
    private final StructuredLogger log;
    private final EmfMetrics metrics;

    OrderedConsumption(
            OrderedConsumer<S> consumer,
            StreamSequencer sequencer,
            Parallel parallel,
            StructuredLogger log,
            EmfMetrics metrics) {
        this.consumer = consumer;
        this.sequencer = sequencer;
        this.parallel = parallel;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public List<SliceOutcome> project(StreamBatch batch) {
        List<Prepared<S>> prepared = parallel.map(batch.slices(), this::prepare);
        List<StreamWork<S>> work = prepared.stream()
                .map(Prepared::work)
                .filter(w -> w != null && !w.events().isEmpty())
                .toList();
        List<SliceOutcome> applied = work.isEmpty() ? List.of() : consumer.apply(work);
        if (applied.size() != work.size()) {
            throw new IllegalStateException(
                    "the consumer answered " + applied.size() + " outcomes for " + work.size() + " streams");
        }
        Map<StreamWork<S>, SliceOutcome> byWork = new IdentityHashMap<>();
        for (int i = 0; i < work.size(); i++) {
            byWork.put(work.get(i), applied.get(i));
        }
        List<SliceOutcome> outcomes = new ArrayList<>(prepared.size());
        long events = 0;
        long duplicates = 0;
        long repaired = 0;
        for (Prepared<S> p : prepared) {
            SliceOutcome outcome = p.early() != null
                    ? p.early()
                    : byWork.getOrDefault(p.work(), p.work().completed());
            if (p.work() != null) {
                events += Math.max(
                        0, outcome.appliedVersion() - p.work().checkpoint().version());
                duplicates += p.work().duplicates();
                repaired += p.work().repairedUpTo(outcome.appliedVersion());
            }
            outcomes.add(outcome);
        }
        metrics.count("DuplicatesSkipped", duplicates);
        metrics.count("GapsRepaired", repaired);
        Map<String, Object> counts = new HashMap<>();
        counts.put("records", batch.records().size());
        counts.put("streams", batch.slices().size());
        counts.put("eventsApplied", events);
        counts.put("duplicatesSkipped", duplicates);
        counts.put("gapsRepaired", repaired);
        counts.put(
                "failedStreams",
                outcomes.stream().filter(o -> o instanceof Failed).count());
        log.info("batch processed", counts);
        return outcomes;
    }

    private Prepared<S> prepare(StreamSlice slice) {
        if (StreamBatch.UNKNOWN_STREAM.equals(slice.streamId())) {
            return new Prepared<>(
                    null,
                    new Failed(slice, 0, Consumption.notConsumable(slice, "stream records without a streamId key")));
        }
        Optional<Checkpoint<S>> checkpoint;
        try {
            checkpoint = consumer.checkpoint(slice.streamId());
        } catch (RuntimeException transientFailure) {
            return new Prepared<>(null, new Failed(slice, 0, transientFailure));
        }
        if (checkpoint.isEmpty()) {
            return new Prepared<>(
                    null,
                    new Failed(
                            slice,
                            0,
                            Consumption.notConsumable(
                                    slice, "not a stream this consumer handles: " + slice.streamId())));
        }
        return new Prepared<>(sequencer.sequence(slice, checkpoint.get()), null);
    }

    /**
     * Applies what the events table holds after the stream's checkpoint, page by page, up to its
     * head: the event at {@code version} and everything its stream has after it, in order.
     */
    @Override
    public SliceOutcome redrive(String streamId, long version) {
        StreamSlice slice = new StreamSlice(streamId, List.of());
        long reached = 0;
        for (int page = 0; page < MAX_REDRIVE_PAGES; page++) {
            StreamWork<S> work;
            try {
                Optional<Checkpoint<S>> checkpoint = consumer.checkpoint(streamId);
                if (checkpoint.isEmpty()) {
                    return new Failed(
                            slice, 0, new IllegalArgumentException("not a stream this consumer handles: " + streamId));
                }
                reached = checkpoint.get().version();
                work = sequencer.next(streamId, checkpoint.get(), REDRIVE_PAGE);
            } catch (RuntimeException transientFailure) {
                return new Failed(slice, reached, transientFailure);
            }
            if (work.events().isEmpty()) {
                return work.stop() != null
                        ? new Failed(slice, reached, work.stop())
                        : reachedAtLeast(slice, reached, version);
            }
            SliceOutcome outcome;
            try {
                outcome = consumer.apply(List.of(work)).getFirst();
            } catch (RuntimeException unexpected) {
                return new Failed(slice, reached, unexpected);
            }
            if (outcome instanceof Failed) {
                return outcome;
            }
            if (work.events().size() < REDRIVE_PAGE) {
                return reachedAtLeast(slice, outcome.appliedVersion(), version); // the page ended at the stream's head
            }
            reached = outcome.appliedVersion();
        }
        return reachedAtLeast(slice, reached, version);
    }

    private static SliceOutcome reachedAtLeast(StreamSlice slice, long reached, long version) {
        return reached >= version
                ? new Completed(slice, reached)
                : new Failed(
                        slice,
                        reached,
                        new IllegalArgumentException("the events table holds " + slice.streamId()
                                + " only up to version " + reached + ", not " + version));
    }
}
