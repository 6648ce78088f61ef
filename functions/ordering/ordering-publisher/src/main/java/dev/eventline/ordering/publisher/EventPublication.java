package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.publisher.PublishOutcome.StreamProgress;
import dev.eventline.streams.Checkpoint;
import dev.eventline.streams.CheckpointTable;
import dev.eventline.streams.OrderedConsumer;
import dev.eventline.streams.Parallel;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamWork;
import dev.eventline.streams.UnprocessableEventException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The events of a batch onto the bus, each stream in order and never past an event it failed to
 * publish. The runtime hands over each stream's events after its checkpoint (delivered or repaired
 * from the events table); this lifts them to the current contract, publishes them
 * ({@link OrderedPublisher}) and moves each stream's checkpoint to the last event that went out.
 *
 * <p>A stream stops at its first event that cannot be lifted (poison: counted, then parked) or that
 * EventBridge keeps refusing (transient: retried by Lambda). Either way its checkpoint stays below
 * that event, so a later batch, a retry or a redrive publishes it, from the events table, before
 * anything after it.
 */
final class EventPublication implements OrderedConsumer<Void> {
    private final CheckpointTable checkpoints;
    private final CurrentContract contract;
    private final OrderedPublisher publisher;
    private final Parallel parallel;
    private final EmfMetrics metrics;
    private final Tracing tracing;

    EventPublication(
            CheckpointTable checkpoints,
            CurrentContract contract,
            OrderedPublisher publisher,
            Parallel parallel,
            EmfMetrics metrics,
            Tracing tracing) {
        this.checkpoints = checkpoints;
        this.contract = contract;
        this.publisher = publisher;
        this.parallel = parallel;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public Optional<Checkpoint<Void>> checkpoint(String streamId) {
        return Optional.of(checkpoints.read(streamId));
    }

    @Override
    public List<SliceOutcome> apply(List<StreamWork<Void>> work) {
        List<List<RecordedEvent>> publishable = new ArrayList<>(work.size());
        List<UnprocessableEventException> unpublishable = new ArrayList<>(work.size());
        for (StreamWork<Void> stream : work) {
            List<RecordedEvent> lifted = new ArrayList<>(stream.events().size());
            UnprocessableEventException poison = null;
            for (RecordedEvent event : stream.events()) {
                try {
                    lifted.add(contract.lift(event));
                } catch (RuntimeException e) {
                    poison = new UnprocessableEventException(event.streamId(), event.version(), event.eventId(), e);
                    break;
                }
            }
            publishable.add(lifted);
            unpublishable.add(poison);
        }
        // one span for the batch's PutEvents calls, linked to the command behind each event; the envelopes
        // carry this span as their traceparent, so a subscriber links to the publication
        PublishOutcome outcome = tracing.inSpan(
                "PublishOrderEvents",
                Map.of(
                        "events",
                        Long.toString(publishable.stream().mapToLong(List::size).sum())),
                publishable.stream()
                        .flatMap(List::stream)
                        .map(EventPublication::linkTo)
                        .toList(),
                () -> publisher.publish(publishable));
        metrics.count("EventsPublished", outcome.published());
        metrics.count("PublishRetries", outcome.retried());
        metrics.count(
                "PublishFailures",
                outcome.refusals()
                        + unpublishable.stream().filter(p -> p != null).count());
        return parallel.map(
                IntStream.range(0, work.size()).boxed().toList(),
                i -> settle(work.get(i), outcome.streams().get(i), unpublishable.get(i)));
    }

    private static Tracing.Link linkTo(RecordedEvent event) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("eventId", event.eventId());
        attributes.put("correlationId", event.metadata().correlationId());
        attributes.put("causationId", event.metadata().causationId());
        return Tracing.Link.to(event.metadata().traceId(), attributes);
    }

    private SliceOutcome settle(StreamWork<Void> stream, StreamProgress progress, UnprocessableEventException poison) {
        long stored = stream.checkpoint().version();
        long reached = progress.published() == 0
                ? stored
                : stream.events().get(progress.published() - 1).version();
        if (reached > stored) {
            try {
                checkpoints.advance(stream.streamId(), reached);
            } catch (RuntimeException checkpointFailure) {
                // published but not remembered: the retry publishes these events again (duplicates, never a gap)
                return stream.failed(stored, checkpointFailure);
            }
        }
        if (progress.refused() != null) {
            return stream.failed(
                    reached,
                    new IllegalStateException(
                            "EventBridge refused " + progress.refused().streamId() + "@"
                                    + progress.refused().version() + ": " + progress.error()));
        }
        return poison != null ? stream.failed(reached, poison) : stream.completed();
    }
}
