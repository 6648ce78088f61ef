package dev.eventline.ordering.rebuild;

/**
 * A read-model item that is not the fold of its stream.
 *
 * @param storedVersion 0 when the item is missing
 */
public record Mismatch(String streamId, String readModel, Kind kind, long storedVersion, long foldedVersion) {
    public enum Kind {
        /** the fold has a version, the read model has no item */
        MISSING,
        /** same version, other content: the item was altered, or the projection code changed */
        DIFFERS,
        /** the item is at an older version (the projector may still be catching up) */
        BEHIND,
        /** the item is at a version the stream does not have */
        AHEAD
    }

    @Override
    public String toString() {
        return streamId + " " + readModel + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " (stored v"
                + storedVersion + ", fold v" + foldedVersion + ")";
    }
}
