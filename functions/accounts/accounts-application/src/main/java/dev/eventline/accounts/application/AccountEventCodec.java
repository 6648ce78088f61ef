package dev.eventline.accounts.application;

import static dev.eventline.schemas.EventJson.instant;
import static dev.eventline.schemas.EventJson.longValue;
import static dev.eventline.schemas.EventJson.optionalText;
import static dev.eventline.schemas.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.AccountClosed;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountFrozen;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.AccountUnfrozen;
import dev.eventline.accounts.MoneyDeposited;
import dev.eventline.accounts.MoneyWithdrawn;
import dev.eventline.accounts.OverdraftLimitChanged;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.JsonEventCodec;
import dev.eventline.schemas.accounts.AccountsUpcasters;

/**
 * Account events to and from their stored JSON ({@code schemas/accounts/<Type>/v<N>.schema.json}). Records are
 * mapped field by field, by hand: no reflection at cold start, and renaming a record component cannot silently
 * rename a stored field. Encoding validates against the current schema before anything is appended; decoding
 * upcasts whatever version was stored. Optional texts ({@code reference}, {@code reason}, the sealed {@code holder}) are left out when null.
 */
public final class AccountEventCodec extends JsonEventCodec<AccountEvent> {

    /** Cheap: the schemas and their validators are loaded once per process and shared. */
    public AccountEventCodec() {
        this(EventSchemas.forContext(AccountsUpcasters.CONTEXT, AccountsUpcasters.upcasters()));
    }

    public AccountEventCodec(EventSchemas schemas) {
        super(schemas, AccountEventCodec::typeOf, AccountEventCodec::toJson, AccountEventCodec::fromJson);
    }

    /** The stored type name: the record's simple name, spelled out so that a class rename cannot change it. */
    public static String typeOf(AccountEvent event) {
        return switch (event) {
            case AccountOpened e -> "AccountOpened";
            case MoneyDeposited e -> "MoneyDeposited";
            case MoneyWithdrawn e -> "MoneyWithdrawn";
            case OverdraftLimitChanged e -> "OverdraftLimitChanged";
            case AccountFrozen e -> "AccountFrozen";
            case AccountUnfrozen e -> "AccountUnfrozen";
            case AccountClosed e -> "AccountClosed";
        };
    }

    /** The payload at the current schema version, unvalidated; read models may use it as is. */
    public static ObjectNode toJson(AccountEvent event) {
        ObjectNode json = EventJson.object().put("accountId", event.accountId());
        switch (event) {
            case AccountOpened e -> {
                json.put("ownerId", e.ownerId())
                        .put("currency", e.currency())
                        .put("overdraftLimit", e.overdraftLimit())
                        .put("openedAt", e.openedAt().toString());
                putIfPresent(json, "holder", e.holder());
            }
            case MoneyDeposited e -> {
                json.put("amount", e.amount());
                putIfPresent(json, "reference", e.reference());
                json.put("balanceAfter", e.balanceAfter())
                        .put("depositedAt", e.depositedAt().toString());
            }
            case MoneyWithdrawn e -> {
                json.put("amount", e.amount());
                putIfPresent(json, "reference", e.reference());
                json.put("balanceAfter", e.balanceAfter())
                        .put("withdrawnAt", e.withdrawnAt().toString());
            }
            case OverdraftLimitChanged e ->
                json.put("previousLimit", e.previousLimit())
                        .put("newLimit", e.newLimit())
                        .put("changedAt", e.changedAt().toString());
            case AccountFrozen e -> {
                putIfPresent(json, "reason", e.reason());
                json.put("frozenAt", e.frozenAt().toString());
            }
            case AccountUnfrozen e -> json.put("unfrozenAt", e.unfrozenAt().toString());
            case AccountClosed e -> json.put("closedAt", e.closedAt().toString());
        }
        return json;
    }

    /**
     * A payload at the current schema version of {@code type} as its record.
     *
     * @throws IllegalArgumentException for an unknown type or a missing or mistyped field
     */
    public static AccountEvent fromJson(String type, JsonNode json) {
        String accountId = text(json, "accountId");
        return switch (type) {
            case "AccountOpened" ->
                new AccountOpened(
                        accountId,
                        text(json, "ownerId"),
                        text(json, "currency"),
                        longValue(json, "overdraftLimit"),
                        instant(json, "openedAt"),
                        optionalText(json, "holder"));
            case "MoneyDeposited" ->
                new MoneyDeposited(
                        accountId,
                        longValue(json, "amount"),
                        optionalText(json, "reference"),
                        longValue(json, "balanceAfter"),
                        instant(json, "depositedAt"));
            case "MoneyWithdrawn" ->
                new MoneyWithdrawn(
                        accountId,
                        longValue(json, "amount"),
                        optionalText(json, "reference"),
                        longValue(json, "balanceAfter"),
                        instant(json, "withdrawnAt"));
            case "OverdraftLimitChanged" ->
                new OverdraftLimitChanged(
                        accountId,
                        longValue(json, "previousLimit"),
                        longValue(json, "newLimit"),
                        instant(json, "changedAt"));
            case "AccountFrozen" ->
                new AccountFrozen(accountId, optionalText(json, "reason"), instant(json, "frozenAt"));
            case "AccountUnfrozen" -> new AccountUnfrozen(accountId, instant(json, "unfrozenAt"));
            case "AccountClosed" -> new AccountClosed(accountId, instant(json, "closedAt"));
            default -> throw new IllegalArgumentException("unknown accounts event type '" + type + "'");
        };
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
