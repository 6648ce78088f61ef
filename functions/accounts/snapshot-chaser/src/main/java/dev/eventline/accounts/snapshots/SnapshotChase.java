package dev.eventline.accounts.snapshots;

import dev.eventline.lambda.observability.Observability;
import dev.eventline.streams.LatestVersionConsumer;
import dev.eventline.streams.UnprocessableEventException;
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
