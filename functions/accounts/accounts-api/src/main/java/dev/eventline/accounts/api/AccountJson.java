package dev.eventline.accounts.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.AccountState;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** The account resource as clients see it: amounts in minor units, times in ISO 8601 UTC. */
final class AccountJson {
    private AccountJson() {}

    /**
     * Without the holder's name: what command responses (and so idempotency records) carry.
     *
     * @param version the stream version the state is folded up to, also the resource's ETag
     */
    static ObjectNode of(AccountState state, long version) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("accountId", state.accountId());
        json.put("ownerId", state.ownerId());
        json.put("currency", state.currency());
        json.put("status", state.status().name());
        json.put("balance", state.balance());
        json.put("overdraftLimit", state.overdraftLimit());
        json.put("available", state.available());
        json.put("transactionCount", state.transactionCount());
        json.put("openedAt", text(state.openedAt()));
        json.put("updatedAt", text(state.updatedAt()));
        json.put("version", version);
        return json;
    }

    /** With {@code holderName} opened by {@code reader} (or {@code "[erased]"}), when the account has one. */
    static ObjectNode of(AccountState state, long version, Function<String, Optional<String>> reader) {
        ObjectNode json = of(state, version);
        HolderNames.show(json, state.holder(), reader);
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
