package dev.eventline.accounts.snapshots;

import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.MoneyDeposited;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.NewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes account histories straight into an event store: an opening, then deposits of 100. */
final class AccountHistory {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final AccountEventCodec CODEC = new AccountEventCodec();

    private final EventStore store;

    AccountHistory(EventStore store) {
        this.store = store;
    }

    static String newAccountId() {
        return "acc-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Opens the account and deposits until the stream is at {@code version}. */
    String opened(String accountId, long version) {
        List<AccountEvent> events = new ArrayList<>();
        events.add(new AccountOpened(accountId, "owner-42", "EUR", 0, T));
        for (long v = 2; v <= version; v++) {
            events.add(new MoneyDeposited(accountId, 100, null, (v - 1) * 100, T));
        }
        append(accountId, 0, events);
        return accountId;
    }

    /** More deposits after {@code fromVersion}, until the stream is at {@code toVersion}. */
    void depositUntil(String accountId, long fromVersion, long toVersion) {
        List<AccountEvent> events = new ArrayList<>();
        for (long v = fromVersion + 1; v <= toVersion; v++) {
            events.add(new MoneyDeposited(accountId, 100, null, (v - 1) * 100, T));
        }
        append(accountId, fromVersion, events);
    }

    private void append(String accountId, long expectedVersion, List<AccountEvent> events) {
        EventMetadata metadata = new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "test", T);
        List<NewEvent> encoded = events.stream()
                .map(event -> {
                    EncodedEvent e = CODEC.encode(event);
                    return new NewEvent(UUID.randomUUID().toString(), e.type(), e.schemaVersion(), e.data(), metadata);
                })
                .toList();
        store.append(AccountStreams.streamId(accountId), expectedVersion, encoded);
    }
}
