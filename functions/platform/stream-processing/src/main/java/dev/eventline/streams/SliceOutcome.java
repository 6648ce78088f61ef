package dev.eventline.streams;

/**
 * What a projection did with one stream of a batch.
 *
 * <p>{@code appliedVersion} is the stream's checkpoint once the batch is done: a failed slice keeps
 * whatever it could apply before the failure, and Lambda must redeliver from the first record above it.
 */
public sealed interface SliceOutcome {

    StreamSlice slice();

    long appliedVersion();

    record Completed(StreamSlice slice, long appliedVersion) implements SliceOutcome {}

    /** @param cause an {@link UnprocessableEventException} when one event is to blame, else a transient failure */
    record Failed(StreamSlice slice, long appliedVersion, RuntimeException cause) implements SliceOutcome {}
}
