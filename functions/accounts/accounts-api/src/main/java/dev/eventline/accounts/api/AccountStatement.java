package dev.eventline.accounts.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.AccountClosed;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountFrozen;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.AccountRule;
import dev.eventline.accounts.AccountUnfrozen;
import dev.eventline.accounts.MoneyDeposited;
import dev.eventline.accounts.MoneyWithdrawn;
import dev.eventline.accounts.OverdraftLimitChanged;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import java.time.Instant;

/**
 * A page of an account's statement, read straight from its events: each deposit and withdrawal
 * recorded its {@code balanceAfter}, so a line needs no fold and a page needs no snapshot. Lines are
 * in the order they happened (oldest first), which is the order the stream is read in.
 *
 * <p>Events that move no money (freeze, limit change...) are skipped but still advance the cursor,
 * so a page is read until it holds {@code limit} lines, the stream ends, or {@code maxEventsPerPage}
 * events were read: a stretch of thousands of freezes costs one bounded page (with fewer lines, even
 * none, and a cursor), never a read of the whole stream in one request.
 */
final class AccountStatement {
    /** Five pages of the largest limit: a page of money movements is never cut short by the cap alone. */
    static final int MAX_EVENTS_PER_PAGE = 5 * AccountQueries.MAX_STATEMENT_LIMIT;

    private final EventReader store;
    private final EventCodec<AccountEvent> codec;
    private final int maxEventsPerPage;

    AccountStatement(EventReader store, EventCodec<AccountEvent> codec) {
        this(store, codec, MAX_EVENTS_PER_PAGE);
    }

    /** For tests: a small cap instead of thousands of events. */
    AccountStatement(EventReader store, EventCodec<AccountEvent> codec, int maxEventsPerPage) {
        this.store = store;
        this.codec = codec;
        this.maxEventsPerPage = maxEventsPerPage;
    }

    /** @throws RuleViolation ACCOUNT_NOT_FOUND when the first page of the stream is empty */
    ObjectNode page(String accountId, long afterVersion, int limit) {
        String streamId = AccountStreams.streamId(accountId);
        ArrayNode lines = JsonNodeFactory.instance.arrayNode();
        long position = afterVersion;
        boolean more = true;
        int read = 0;
        while (more && lines.size() < limit && read < maxEventsPerPage) {
            StreamPage page =
                    store.readPage(streamId, position, Math.min(limit - lines.size(), maxEventsPerPage - read));
            read += page.events().size();
            if (position == 0 && page.events().isEmpty()) {
                throw new RuleViolation(AccountRule.ACCOUNT_NOT_FOUND, "account " + accountId + " does not exist");
            }
            for (RecordedEvent event : page.events()) {
                line(codec.decode(event), event.version(), lines);
            }
            position = page.lastVersion(position);
            more = page.hasMore();
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("accountId", accountId);
        json.set("lines", lines);
        json.put("nextCursor", more ? StatementCursor.encode(position) : null);
        return json;
    }

    private static void line(AccountEvent event, long version, ArrayNode lines) {
        switch (event) {
            case MoneyDeposited e ->
                lines.add(line(version, e.depositedAt(), "DEPOSIT", e.amount(), e.balanceAfter(), e.reference()));
            case MoneyWithdrawn e ->
                lines.add(line(version, e.withdrawnAt(), "WITHDRAWAL", e.amount(), e.balanceAfter(), e.reference()));
            // listed rather than defaulted: a new event type must be judged here before it compiles
            case AccountOpened _, OverdraftLimitChanged _, AccountFrozen _, AccountUnfrozen _, AccountClosed _ -> {
                // moves no money: not a statement line
            }
        }
    }

    private static ObjectNode line(
            long version, Instant date, String type, long amount, long balanceAfter, String reference) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("version", version);
        line.put("date", date.toString());
        line.put("type", type);
        line.put("amount", amount);
        line.put("balanceAfter", balanceAfter);
        line.put("reference", reference);
        return line;
    }
}
