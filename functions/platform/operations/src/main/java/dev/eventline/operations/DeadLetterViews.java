package dev.eventline.operations;

import java.time.Instant;
import java.util.List;

/** The records {@link DeadLetters} answers with. */
public final class DeadLetterViews {
    private DeadLetterViews() {}

    /**
     * A dead-letter queue and what it holds (SQS's approximate counts).
     *
     * @param feeds the consumer whose failures it receives, or the queue it drains back into
     */
    public record QueueView(String queue, String url, long messages, long inFlight, String feeds, String purpose) {}

    /**
     * One message, read without consuming it.
     *
     * @param kind    {@code parked}, {@code on-failure} or {@code other}
     * @param letter  what its body says
     * @param summary one line for people
     */
    public record MessageView(
            String messageId, Instant sentAt, int receiveCount, String kind, DeadLetter letter, String summary) {}

    public enum Result {
        /** Reapplied (or moved back) and deleted from the queue. */
        REDRIVEN,
        /** Tried and still failing: left in the queue. */
        FAILED,
        /** Nothing to retry it with (tampered, unreadable, no consumer): left in the queue. */
        NOT_REDRIVABLE
    }

    public record MessageResult(String messageId, Result result, String detail) {}

    /** What a redrive did with each message of the queue (each once). */
    public record RedriveResult(String queue, String target, List<MessageResult> messages) {
        public RedriveResult {
            messages = List.copyOf(messages);
        }

        public long count(Result result) {
            return messages.stream().filter(m -> m.result() == result).count();
        }

        /** Every message redriven: the queue is empty of what was there. */
        public boolean allRedriven() {
            return messages.stream().allMatch(m -> m.result() == Result.REDRIVEN);
        }
    }
}
