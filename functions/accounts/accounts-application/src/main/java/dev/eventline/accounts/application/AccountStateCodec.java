package dev.eventline.accounts.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.AccountStatus;
import dev.eventline.eventstore.snapshot.StateCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;

/**
 * {@link AccountState} as snapshot JSON, written and read field by field: no data binding, so a
 * renamed record component can never silently change the stored shape, and nothing is introspected
 * at cold start.
 *
 * <p>Decoding is strict (every field present, nothing unknown, exact types) because a snapshot that
 * half-decodes would be worse than none: any doubt throws, and the loader then replays the events
 * and rewrites the snapshot.
 *
 * <p>Bump {@link #SCHEMA_VERSION} whenever a field is added, removed, renamed or changes meaning.
 * Snapshots of the old shape are then ignored and rewritten by the next load: no migration, ever.
 */
public final class AccountStateCodec implements StateCodec<AccountState> {
    /** 2: the sealed {@code holder} (a token, never plaintext; null for an account opened without a name). */
    public static final int SCHEMA_VERSION = 2;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<String> FIELDS = List.of(
            "status",
            "accountId",
            "ownerId",
            "currency",
            "balance",
            "overdraftLimit",
            "transactionCount",
            "openedAt",
            "updatedAt",
            "holder");

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public String encode(AccountState state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", state.status().name());
        node.put("accountId", state.accountId());
        node.put("ownerId", state.ownerId());
        node.put("currency", state.currency());
        node.put("balance", state.balance());
        node.put("overdraftLimit", state.overdraftLimit());
        node.put("transactionCount", state.transactionCount());
        node.put("openedAt", state.openedAt() == null ? null : state.openedAt().toString());
        node.put(
                "updatedAt",
                state.updatedAt() == null ? null : state.updatedAt().toString());
        node.put("holder", state.holder());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) { // a tree of strings and numbers always serializes
            throw new IllegalStateException(e);
        }
    }

    @Override
    public AccountState decode(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("account snapshot is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("account snapshot is not a JSON object");
        }
        requireExactFields(root);
        AccountStatus status = status(root);
        AccountState state = new AccountState(
                status,
                text(root, "accountId"),
                text(root, "ownerId"),
                text(root, "currency"),
                number(root, "balance"),
                number(root, "overdraftLimit"),
                number(root, "transactionCount"),
                instant(root, "openedAt"),
                instant(root, "updatedAt"),
                text(root, "holder"));
        if (status != AccountStatus.NONE
                && (state.accountId() == null
                        || state.ownerId() == null
                        || state.currency() == null
                        || state.openedAt() == null
                        || state.updatedAt() == null)) {
            throw new IllegalArgumentException("account snapshot of an existing account lacks its identity or dates");
        }
        return state;
    }

    private static void requireExactFields(JsonNode root) {
        for (String field : FIELDS) {
            if (!root.has(field)) {
                throw new IllegalArgumentException("account snapshot lacks " + field);
            }
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("account snapshot has an unknown field " + name);
            }
        }
    }

    private static AccountStatus status(JsonNode root) {
        JsonNode value = root.get("status");
        if (!value.isTextual()) {
            throw new IllegalArgumentException("account snapshot status is not a string");
        }
        try {
            return AccountStatus.valueOf(value.textValue());
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("account snapshot has an unknown status", unknown);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("account snapshot " + field + " is not a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("account snapshot " + field + " is not a whole number");
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode root, String field) {
        String value = text(root, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("account snapshot " + field + " is not an instant", e);
        }
    }
}
