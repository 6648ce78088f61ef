package dev.eventline.local;

import dev.eventline.lambda.events.BatchResponse;
import java.util.List;
import java.util.Optional;

/** How one invocation with a stream batch ended, as Lambda's event source mapping sees it. */
sealed interface InvocationResult {

    /** Every record done. */
    record Success() implements InvocationResult {}

    /** Records before {@code firstFailed} done; it and everything after it to retry. */
    record PartialFailure(int firstFailed) implements InvocationResult {}

    /** The function threw (or reported a failure Lambda cannot place): the whole batch failed. */
    record FunctionError(String errorType, String message) implements InvocationResult {}

    /**
     * Reads the handler's answer the way the mapping does: with {@code ReportBatchItemFailures} the
     * lowest reported sequence number wins; an identifier that is empty or not in the batch fails
     * the whole batch. Without it, any answer is a success.
     */
    static InvocationResult of(Object response, List<String> sequenceNumbers, boolean reportBatchItemFailures) {
        if (!reportBatchItemFailures
                || !(response instanceof BatchResponse answer)
                || answer.batchItemFailures().isEmpty()) {
            return new Success();
        }
        Optional<Integer> lowest = Optional.empty();
        for (BatchResponse.ItemFailure failure : answer.batchItemFailures()) {
            int index = failure == null || failure.itemIdentifier() == null
                    ? -1
                    : sequenceNumbers.indexOf(failure.itemIdentifier());
            if (index < 0) {
                return new FunctionError(
                        "InvalidBatchItemFailure",
                        "batch item failure " + (failure == null ? null : failure.itemIdentifier())
                                + " is not a sequence number of the batch");
            }
            lowest = Optional.of(lowest.map(l -> Math.min(l, index)).orElse(index));
        }
        return new PartialFailure(lowest.orElseThrow());
    }
}
