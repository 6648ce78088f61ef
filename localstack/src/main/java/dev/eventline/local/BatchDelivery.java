package dev.eventline.local;

import dev.eventline.local.emulator.Topology.MappingSpec;
import dev.eventline.streams.SdkRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Delivers one stream batch to a function with the retry semantics of Lambda's event source
 * mapping, and returns only when every record of it is done with: processed, or given up and
 * reported to the on-failure destination. Records of the shard after the batch wait meanwhile,
 * which is what keeps each shard in order.
 *
 * <ul>
 *   <li>Batch item failures (ReportBatchItemFailures): records before the lowest reported sequence
 *       number are checkpointed; the rest is retried as the next batch (a retry attempt).</li>
 *   <li>Function error: with BisectBatchOnFunctionError the batch is split in halves, each retried
 *       on its own, first half first (a split is not a retry attempt); a single record, or without
 *       bisecting the whole batch, is retried.</li>
 *   <li>MaximumRetryAttempts (-1: until the records expire) and MaximumRecordAgeInSeconds (-1: the
 *       stream's 24 h) bound it; then the records go to the on-failure destination and the shard
 *       moves on.</li>
 * </ul>
 */
final class BatchDelivery {
    private final MappingSpec mapping;
    private final LocalFunction function;
    private final String streamArn;
    private final OnFailureDestination onFailure;
    private final RuntimeSettings settings;
    private final Sleeper sleeper;
    private final Clock clock;

    /** Waits between retries; stoppable, so that shutting down does not wait for a backoff. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** @param clock the runtime's, against which a record's age is measured */
    BatchDelivery(
            MappingSpec mapping,
            LocalFunction function,
            String streamArn,
            OnFailureDestination onFailure,
            RuntimeSettings settings,
            Sleeper sleeper,
            Clock clock) {
        this.mapping = mapping;
        this.function = function;
        this.streamArn = streamArn;
        this.onFailure = onFailure;
        this.settings = settings;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    private record Segment(List<Record> records, int retries) {}

    /** @param checkpoint called with the sequence number of each last record done, in order */
    void deliver(String shardId, List<Record> batch, Consumer<String> checkpoint) throws InterruptedException {
        Deque<Segment> work = new ArrayDeque<>();
        work.push(new Segment(batch, 0));
        int invocations = 0;
        while (!work.isEmpty()) {
            Segment segment = work.pop();
            if (expired(segment.records().getFirst())) {
                giveUp(
                        shardId,
                        segment.records(),
                        OnFailureDestination.RECORD_AGE_EXCEEDED,
                        invocations,
                        Optional.empty(),
                        checkpoint);
                continue;
            }
            InvocationResult result = invoke(segment.records());
            invocations++;
            switch (result) {
                case InvocationResult.Success ignored -> checkpoint.accept(last(segment.records()));
                case InvocationResult.PartialFailure partial -> {
                    if (partial.firstFailed() > 0) {
                        checkpoint.accept(last(segment.records().subList(0, partial.firstFailed())));
                    }
                    List<Record> rest = segment.records()
                            .subList(partial.firstFailed(), segment.records().size());
                    retryOrGiveUp(
                            shardId, new Segment(rest, segment.retries() + 1), work, invocations, result, checkpoint);
                }
                case InvocationResult.FunctionError error -> {
                    LocalLog.warn(function.name() + " failed a batch of "
                            + segment.records().size() + " (" + error.errorType() + ": " + error.message() + ")");
                    if (mapping.bisectBatchOnFunctionError()
                            && segment.records().size() > 1) {
                        int half = segment.records().size() / 2;
                        work.push(new Segment(
                                segment.records()
                                        .subList(half, segment.records().size()),
                                segment.retries()));
                        work.push(new Segment(segment.records().subList(0, half), segment.retries()));
                    } else {
                        retryOrGiveUp(
                                shardId,
                                new Segment(segment.records(), segment.retries() + 1),
                                work,
                                invocations,
                                result,
                                checkpoint);
                    }
                }
            }
        }
    }

    private void retryOrGiveUp(
            String shardId,
            Segment retry,
            Deque<Segment> work,
            int invocations,
            InvocationResult last,
            Consumer<String> checkpoint)
            throws InterruptedException {
        int maxRetries = mapping.maximumRetryAttempts();
        if (maxRetries >= 0 && retry.retries() > maxRetries) {
            giveUp(
                    shardId,
                    retry.records(),
                    OnFailureDestination.RETRY_ATTEMPTS_EXHAUSTED,
                    invocations,
                    Optional.of(last),
                    checkpoint);
            return;
        }
        sleeper.sleep(settings.backoff(retry.retries()));
        work.push(retry);
    }

    private void giveUp(
            String shardId,
            List<Record> records,
            String condition,
            int invocations,
            Optional<InvocationResult> last,
            Consumer<String> checkpoint) {
        LocalLog.warn(function.name() + " gave up " + records.size() + " record(s) of " + shardId + " from "
                + records.getFirst().dynamodb().sequenceNumber() + " (" + condition + ")");
        onFailure.send(shardId, records, condition, invocations, last);
        checkpoint.accept(last(records));
    }

    private InvocationResult invoke(List<Record> records) {
        List<String> sequenceNumbers =
                records.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
        try {
            Object response = function.invoke(SdkRecords.toStreamEvent(records, streamArn));
            return InvocationResult.of(response, sequenceNumbers, mapping.reportBatchItemFailures());
        } catch (RuntimeException | Error e) {
            return new InvocationResult.FunctionError(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }

    private boolean expired(Record first) {
        Instant created = first.dynamodb().approximateCreationDateTime();
        return mapping.maximumRecordAgeSeconds() >= 0
                && created != null
                && created.plusSeconds(mapping.maximumRecordAgeSeconds()).isBefore(clock.instant());
    }

    private static String last(List<Record> records) {
        return records.getLast().dynamodb().sequenceNumber();
    }
}
