package dev.eventline.streams;

/** Where parked records go. One message per parked record; the body is JSON. */
@FunctionalInterface
public interface DeadLetterQueue {

    /** @throws RuntimeException when the message could not be stored: the record is then not acknowledged */
    void send(String body);
}
