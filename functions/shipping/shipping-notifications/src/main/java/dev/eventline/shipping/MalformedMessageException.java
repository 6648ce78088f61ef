package dev.eventline.shipping;

/**
 * A message that can never be processed as it is (not JSON, not a CloudEvent, not an
 * {@code OrderShipped}, a required field missing). It is reported as a batch item failure like
 * any other, never dropped: after the queue's maxReceiveCount SQS moves it to the dead-letter
 * queue, where an operator can inspect it and redrive it once the cause is fixed.
 */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
