package dev.eventline.domain.testkit;

/** What deciding the same command a second time did, once the first decision was recorded. */
public enum Repetition {
    /** Refused the first time: nothing was recorded, so there is nothing to repeat. */
    REJECTED,
    /** No events the first time: the command was already satisfied. */
    ALREADY_SATISFIED,
    /** Events the first time, none the second: a retry is harmless. */
    IDEMPOTENT,
    /** Events the first time, refused the second (removing an item that is now gone, say). */
    REFUSED_ON_REPEAT,
    /** Events both times: the command is a change by an amount, and every repeat is another change. */
    REPEATED
}
