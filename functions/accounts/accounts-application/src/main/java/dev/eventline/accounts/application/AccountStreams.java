package dev.eventline.accounts.application;

import dev.eventline.eventstore.StreamId;

/** Where an account's events live: stream {@code Account-<accountId>}. */
public final class AccountStreams {
    public static final String CATEGORY = "Account";

    private AccountStreams() {}

    /** @throws IllegalArgumentException for an id outside the stream id alphabet (validated earlier by the API) */
    public static String streamId(String accountId) {
        return new StreamId(CATEGORY, accountId).value();
    }
}
