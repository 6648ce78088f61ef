package dev.eventline.accounts.api;

import dev.eventline.accounts.ChangeOverdraftLimit;
import dev.eventline.accounts.CloseAccount;
import dev.eventline.accounts.DepositMoney;
import dev.eventline.accounts.FreezeAccount;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.UnfreezeAccount;
import dev.eventline.accounts.WithdrawMoney;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.JsonBody;
import dev.eventline.http.PathIds;
import dev.eventline.http.PrintableText;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Request bodies to commands. The split of responsibilities: this class refuses what is not
 * well-formed (wrong JSON type, unknown field, an id outside the id alphabet, a currency that is not
 * three capital letters, text that is not {@link PrintableText}: 400 naming the field);
 * the decider refuses what is well-formed but not acceptable (amount 0, currency "ZZZ", limit -5:
 * 422 with the rule's code). Amounts are integers of minor units ({@code 10}, or {@code 10.0} as
 * JSON Schema counts it), never coerced from {@code "10"} or {@code 10.5}.
 */
final class AccountRequests {
    /** Identifiers use the path alphabet so they can become stream keys and log fields as they are. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + PathIds.MAX_LENGTH + "}");
    /** The shape only; whether the code is assigned is the rule INVALID_CURRENCY (422). */
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** A SEPA remittance line is 140 characters. */
    private static final int MAX_REFERENCE_LENGTH = 140;

    private static final int MAX_REASON_LENGTH = 500;

    private AccountRequests() {}

    /**
     * An open request: the command without its holder, and the holder's name in clear, which the
     * caller seals for the owner once the command is allowed ({@link OpenAccount#holder} only ever
     * holds the sealed token).
     */
    record Opening(OpenAccount command, Optional<String> holderName) {}

    /**
     * {@code ownerId} is optional: the account is the caller's unless {@code ownerOf} says otherwise.
     * {@code holderName} is optional (accounts opened before it existed have none).
     */
    static Opening open(
            HttpRequest request,
            Supplier<String> newAccountId,
            Function<Optional<String>, String> ownerOf,
            Instant at) {
        JsonBody body = JsonBody.parse(request)
                .rejectUnknownFields(Set.of("ownerId", "currency", "overdraftLimit", "accountId", "holderName"));
        String accountId =
                body.optionalText("accountId", ID, PathIds.MAX_LENGTH).orElseGet(newAccountId);
        OpenAccount command = new OpenAccount(
                accountId,
                ownerOf.apply(body.optionalText("ownerId", ID, PathIds.MAX_LENGTH)),
                body.requiredText("currency", CURRENCY, 3),
                body.optionalLong("overdraftLimit", Long.MIN_VALUE, Long.MAX_VALUE)
                        .orElse(0L),
                at);
        Optional<String> holderName = body.has("holderName")
                ? Optional.of(PrintableText.required(body, "holderName", HolderNames.MAX_LENGTH))
                : Optional.empty();
        return new Opening(command, holderName);
    }

    static DepositMoney deposit(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("amount", "reference"));
        return new DepositMoney(accountId(request), amount(body), reference(body), at);
    }

    static WithdrawMoney withdraw(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("amount", "reference"));
        return new WithdrawMoney(accountId(request), amount(body), reference(body), at);
    }

    static ChangeOverdraftLimit changeOverdraftLimit(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("limit"));
        return new ChangeOverdraftLimit(
                accountId(request), body.requiredLong("limit", Long.MIN_VALUE, Long.MAX_VALUE), at);
    }

    static FreezeAccount freeze(HttpRequest request, Instant at) {
        JsonBody body = JsonBody.parse(request).rejectUnknownFields(Set.of("reason"));
        // the reason is the audit trail of a freeze: it has to say something
        return new FreezeAccount(accountId(request), PrintableText.required(body, "reason", MAX_REASON_LENGTH), at);
    }

    static UnfreezeAccount unfreeze(HttpRequest request, Instant at) {
        JsonBody.emptyOrObject(request).rejectUnknownFields(Set.of());
        return new UnfreezeAccount(accountId(request), at);
    }

    static CloseAccount close(HttpRequest request, Instant at) {
        JsonBody.emptyOrObject(request).rejectUnknownFields(Set.of());
        return new CloseAccount(accountId(request), at);
    }

    /** Already validated by the router against the same alphabet. */
    static String accountId(HttpRequest request) {
        return request.pathParam("accountId");
    }

    private static long amount(JsonBody body) {
        return body.requiredLong("amount", Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Optional; when sent it must say something (a blank reference would be an empty statement column). */
    private static String reference(JsonBody body) {
        return body.has("reference") ? PrintableText.required(body, "reference", MAX_REFERENCE_LENGTH) : null;
    }
}
