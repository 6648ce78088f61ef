package dev.eventline.eventstore.snapshot;

/** Serializes an aggregate's state for snapshots. Bump {@link #schemaVersion()} whenever the shape changes. */
public interface StateCodec<S> {

    int schemaVersion();

    String encode(S state);

    /** @throws RuntimeException when the text is not a valid state of this schema version */
    S decode(String text);
}
