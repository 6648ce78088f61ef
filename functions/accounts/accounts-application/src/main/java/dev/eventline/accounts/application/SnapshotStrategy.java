package dev.eventline.accounts.application;

import java.util.Locale;

/**
 * How account snapshots are kept up to date. All four read snapshots the same way and fall back to
 * the events the same way; they differ only in who writes a snapshot, and when.
 */
public enum SnapshotStrategy {
    /** Inline on the command path, once {@code threshold} events have accumulated since the last one. */
    COUNT,
    /** Inline on the command path, right after a business milestone ({@link AccountSnapshots#MILESTONES}). */
    EVENT,
    /** Never inline: the snapshot chaser Lambda writes them from the events table's stream. */
    CHASER,
    /** Never inline: a schedule snapshots every account active since its last run ({@code ScheduledSnapshots}). */
    TIME;

    /**
     * @param value {@code count}, {@code event}, {@code chaser} or {@code time}, in any case
     * @throws IllegalStateException naming the variable, so a typo fails the cold start loudly
     */
    public static SnapshotStrategy parse(String variable, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException(
                    variable + " must be count, event, chaser or time, not '" + value + "'", unknown);
        }
    }
}
