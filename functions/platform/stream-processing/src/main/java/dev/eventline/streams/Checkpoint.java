package dev.eventline.streams;

/**
 * How far a consumer got in one stream: every version up to {@code version} is applied (0: none
 * yet), and {@code state} is what the consumer keeps at that point (the projector's folded order;
 * nothing for the publisher, whose output is the bus).
 */
public record Checkpoint<S>(long version, S state) {
    public Checkpoint {
        if (version < 0) {
            throw new IllegalArgumentException("a checkpoint version is >= 0, was " + version);
        }
    }

    /** A checkpoint that is only a version. */
    public static Checkpoint<Void> at(long version) {
        return new Checkpoint<>(version, null);
    }
}
