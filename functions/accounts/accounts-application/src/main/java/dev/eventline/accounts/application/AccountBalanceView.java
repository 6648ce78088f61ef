package dev.eventline.accounts.application;

import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.AccountStatus;
import dev.eventline.eventstore.InlineView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account balance view, kept inline: one item per account, written in the same transaction as
 * the account's events, so {@code GET /accounts/{id}} is one point read and never stale. It holds the
 * whole {@link AccountState} (a few hundred bytes), so the read needs no fold. The holder's name is
 * kept as its sealed token, never opened: the reader opens it per request, so an erased owner's item
 * (and a rebuilt one) only ever holds ciphertext.
 */
public final class AccountBalanceView {
    public static final String VIEW = "account-balance";
    /** The table's partition key. */
    public static final String KEY = "accountId";

    private AccountBalanceView() {}

    /** The {@link dev.eventline.eventstore.InlineProjection} of accounts. */
    public static List<InlineView> project(String streamId, long version, AccountState state) {
        if (state.status() == AccountStatus.NONE) {
            return List.of();
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("status", state.status().name());
        attributes.put("ownerId", state.ownerId());
        attributes.put("currency", state.currency());
        attributes.put("balance", state.balance());
        attributes.put("overdraftLimit", state.overdraftLimit());
        attributes.put("transactionCount", state.transactionCount());
        if (state.openedAt() != null) {
            attributes.put("openedAt", state.openedAt().toString());
        }
        if (state.updatedAt() != null) {
            attributes.put("updatedAt", state.updatedAt().toString());
        }
        if (state.holder() != null) {
            attributes.put("holder", state.holder());
        }
        return List.of(new InlineView(VIEW, state.accountId(), version, attributes));
    }

    /** The state the view item holds, at {@code view.version()}. */
    public static AccountState state(InlineView view) {
        return new AccountState(
                AccountStatus.valueOf(view.string("status")),
                view.key(),
                view.string("ownerId"),
                view.string("currency"),
                view.number("balance"),
                view.number("overdraftLimit"),
                view.number("transactionCount"),
                instant(view.string("openedAt")),
                instant(view.string("updatedAt")),
                view.string("holder"));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
