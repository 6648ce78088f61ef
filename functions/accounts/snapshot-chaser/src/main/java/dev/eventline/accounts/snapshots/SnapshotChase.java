package dev.eventline.accounts.snapshots;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.streams.LatestVersionConsumer;
import dev.eventline.streams.UnprocessableEventException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The {@link SnapshotChaser} as the runtime's consumer: told how far a stream got, it snapshots when
 * due. A storage failure is transient and retried, so a snapshot that is due is never silently
 * missing; anything else (an event the fold refuses) cannot be fixed by a retry and is poison:
 * counted, then parked.
 */
final class SnapshotChase implements LatestVersionConsumer {
    private final SnapshotChaser chaser;
    private final Observability observability;

    SnapshotChase(SnapshotChaser chaser, Observability observability) {
        this.chaser = chaser;
        this.observability = observability;
    }

    @Override
    public void reached(String streamId, long version) {
        reached(streamId, version, List.of());
    }

    @Override
    public void reached(String streamId, long version, List<RecordedEvent> events) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("streamId", streamId);
        if (!events.isEmpty()) {
            annotations.put("correlationId", events.getLast().metadata().correlationId());
            annotations.put("causationId", events.getLast().metadata().causationId());
        }
        observability
                .tracing()
                .inSpan(
                        "ChaseAccountSnapshot",
                        annotations,
                        events.stream().map(SnapshotChase::linkTo).toList(),
                        () -> {
                            chase(streamId, version);
                            return null;
                        });
    }

    private static Tracing.Link linkTo(RecordedEvent event) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("eventId", event.eventId());
        attributes.put("correlationId", event.metadata().correlationId());
        attributes.put("causationId", event.metadata().causationId());
        return Tracing.Link.to(event.metadata().traceId(), attributes);
    }

    private void chase(String streamId, long version) {
        OptionalLong written;
        try {
            written = chaser.chase(streamId, version);
        } catch (SdkException storageFailure) {
            observability.metrics().count("SnapshotChaseFailures", 1);
            throw storageFailure;
        } catch (RuntimeException unprocessable) {
            observability.metrics().count("SnapshotChaseFailures", 1);
            throw new UnprocessableEventException(streamId, version, null, unprocessable);
        }
        observability.metrics().count("SnapshotsWritten", written.isPresent() ? 1 : 0);
        written.ifPresent(v -> observability
                .log()
                .with("streamId", streamId)
                .with("version", v)
                .info("snapshot written"));
    }
}
