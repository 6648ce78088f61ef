package dev.eventline.eventstore;

/**
 * Translates a context's domain events to and from their stored JSON form. Decoding is where old
 * schema versions are upcast, so domain code only ever sees the current event records.
 */
public interface EventCodec<E> {

    EncodedEvent encode(E event);

    E decode(RecordedEvent event);

    /** An event serialized at the current schema version of its type. */
    record EncodedEvent(String type, int schemaVersion, String data) {}
}
