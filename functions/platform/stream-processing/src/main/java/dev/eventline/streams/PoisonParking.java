package dev.eventline.streams;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.streams.AttemptTracker.Attempts;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Moves a record that keeps failing out of the shard's way: after {@code maxAttempts} failed
 * attempts of the same event it is sent, with the error and the full stream record, to the
 * dead-letter queue and then acknowledged. A record that modified or removed an event item is
 * parked at once ({@code "reason": "tampered"}): the store never does either, so it is evidence,
 * not work, and no retry can change it.
 *
 * <p>Acknowledging does not skip the event: the consumer's checkpoint stays below it, so the next
 * record of that stream finds a gap, re-reads the event from the events table and fails again (and
 * parks again) until the data or the code is fixed. Only then does the stream move past it.
 *
 * <p>Configuration: {@code MAX_RECORD_ATTEMPTS} (default 3; keep it at or below the event source
 * mapping's {@code MaximumRetryAttempts} so parking, with the full record, happens before the
 * mapping's own on-failure destination, which receives shard coordinates only) and
 * {@code DEAD_LETTER_QUEUE_URL} or {@code DEAD_LETTER_QUEUE} (a queue name, resolved once).
 * Without a queue nothing is parked: failures are reported until the mapping gives up.
 */
public final class PoisonParking {
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /** @param parked true when the record went to the dead-letter queue and may be acknowledged */
    public record Decision(Attempts attempts, boolean parked) {}

    private final String source;
    private final int maxAttempts;
    private final Optional<DeadLetterQueue> queue;
    private final AttemptTracker tracker;
    private final Clock clock;

    public PoisonParking(
            String source, int maxAttempts, Optional<DeadLetterQueue> queue, AttemptTracker tracker, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("MAX_RECORD_ATTEMPTS must be >= 1, was " + maxAttempts);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.maxAttempts = maxAttempts;
        this.queue = Objects.requireNonNull(queue, "queue");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static PoisonParking fromEnvironment(
            LambdaEnvironment env, Supplier<SqsClient> sqs, String source, Clock clock) {
        Optional<DeadLetterQueue> queue = env.optional("DEAD_LETTER_QUEUE_URL")
                .<DeadLetterQueue>map(url -> SqsDeadLetterQueue.byUrl(sqs.get(), url))
                .or(() -> env.optional("DEAD_LETTER_QUEUE").map(name -> SqsDeadLetterQueue.byName(sqs.get(), name)));
        return new PoisonParking(
                source, env.intOr("MAX_RECORD_ATTEMPTS", DEFAULT_MAX_ATTEMPTS), queue, new AttemptTracker(), clock);
    }

    public boolean canPark() {
        return queue.isPresent();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Counts a failed attempt of the event and parks it once the limit is reached.
     *
     * @param record the stream record that carried the failure: the event's own, or the later record
     *               whose gap repair re-read it from the events table
     * @throws RuntimeException when the dead-letter queue refused the message (the record must then be retried)
     */
    public Decision onFailure(UnprocessableEventException failure, ChangeRecord record) {
        Attempts attempts = tracker.failed(failure.attemptKey(), clock.instant());
        if (attempts.count() < maxAttempts || queue.isEmpty()) {
            return new Decision(attempts, false);
        }
        queue.get().send(message(failure, record, attempts).toString());
        return new Decision(attempts, true);
    }

    /**
     * Parks a record that changed or removed an event item (MODIFY, REMOVE): the store only ever
     * inserts, so no retry can make sense of it, and it is parked at once.
     *
     * @return false when there is no dead-letter queue (the record must then be reported)
     * @throws RuntimeException when the dead-letter queue refused the message
     */
    public boolean parkTampered(ChangeRecord record) {
        if (queue.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        String eventId = StreamRecords.eventIdOf(record).orElse(null);
        queue.get()
                .send(body(
                                Reason.TAMPERED,
                                record,
                                "TamperedRecord",
                                record.eventName() + " of an event item: the store never "
                                        + "changes or removes an event",
                                new Attempts(1, now),
                                StreamRecords.streamIdOf(record).orElse(StreamBatch.UNKNOWN_STREAM),
                                StreamRecords.versionOf(record).orElse(0L),
                                eventId)
                        .toString());
        return true;
    }

    ObjectNode message(UnprocessableEventException failure, ChangeRecord record, Attempts attempts) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        return body(
                Reason.POISON,
                record,
                cause.getClass().getName(),
                String.valueOf(cause.getMessage()),
                attempts,
                failure.streamId(),
                failure.version(),
                failure.eventId());
    }

    /** Why a record was parked: {@code poison} can be redriven once fixed; {@code tampered} is evidence to look into. */
    enum Reason {
        POISON,
        TAMPERED;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ObjectNode body(
            Reason reason,
            ChangeRecord record,
            String errorType,
            String errorMessage,
            Attempts attempts,
            String streamId,
            long version,
            String eventId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("source", source);
        body.put("reason", reason.json());
        body.set("record", StreamRecordJson.toJson(record));
        body.putObject("error").put("type", errorType).put("message", errorMessage);
        body.put("attempts", attempts.count());
        body.put("streamId", streamId);
        if (eventId == null) {
            body.putNull("eventId");
        } else {
            body.put("eventId", eventId);
        }
        body.put("version", version);
        body.put("firstFailedAt", attempts.firstFailedAt().toString());
        body.put("parkedAt", Instant.now(clock).toString());
        return body;
    }
}
