package dev.eventline.operations;

import java.time.Instant;
import java.util.List;

/**
 * How far one stream consumer is behind the events table.
 *
 * @param consumer           the consumer (its function name)
 * @param context            the context whose events it consumes
 * @param streams            streams looked at
 * @param streamsBehind      of them, those whose checkpoint is below the head
 * @param eventsBehind       the sum of what they miss
 * @param oldestUnprocessed  when the oldest event not yet applied was recorded (null: none)
 * @param maxAgeMs           now minus that, in milliseconds (0: none)
 * @param complete           false when the scan stopped at its cap and streams were left out
 * @param worst              the streams furthest behind, at most {@link ConsumerLag#WORST}
 */
public record LagView(
        String consumer,
        String context,
        long streams,
        long streamsBehind,
        long eventsBehind,
        Instant oldestUnprocessed,
        long maxAgeMs,
        boolean complete,
        List<StreamLag> worst) {

    public LagView {
        worst = List.copyOf(worst);
    }

    /**
     * One stream of one consumer.
     *
     * @param checkpoint        the last version the consumer applied (0: none)
     * @param head              the stream's last version
     * @param firstUnprocessed  when the first event not applied was recorded (null when none is missing)
     * @param ageMs             now minus that (0 when none is missing)
     */
    public record StreamLag(
            String consumer,
            String streamId,
            long checkpoint,
            long head,
            long behind,
            Instant firstUnprocessed,
            long ageMs) {}
}
