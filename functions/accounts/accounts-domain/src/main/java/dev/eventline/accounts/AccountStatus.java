package dev.eventline.accounts;

/** Where an account is in its life cycle. */
public enum AccountStatus {
    /** No event yet: the stream does not exist. */
    NONE,
    /** Money can move. */
    OPEN,
    /** Money cannot move until unfrozen; the account still exists and can be unfrozen. */
    FROZEN,
    /** Terminal: nothing further can happen. */
    CLOSED
}
