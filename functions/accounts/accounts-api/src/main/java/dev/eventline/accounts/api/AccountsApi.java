package dev.eventline.accounts.api;

import dev.eventline.accounts.AccountRule;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.HttpApi;
import dev.eventline.http.Router;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.personaldata.PersonalDataVault;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The accounts HTTP API: its routes, and which rule codes are not a plain 422. Account ids in paths
 * are validated by the router (400 naming {@code accountId}) before any handler runs.
 */
public final class AccountsApi {
    /**
     * {@code ACCOUNT_NOT_FOUND} is a 404 like any missing resource; {@code ACCOUNT_ALREADY_EXISTS}
     * is a 409 because the request conflicts with the resource as it is, not with a business rule.
     */
    static final Map<String, Integer> STATUS_BY_RULE = Map.of(
            AccountRule.ACCOUNT_NOT_FOUND.code(), 404,
            AccountRule.ACCOUNT_ALREADY_EXISTS.code(), 409);

    private AccountsApi() {}

    /**
     * @param newAccountId  ids for accounts opened without one (the client should usually choose it)
     * @param observability the function's logger, metrics and tracing
     */
    public static HttpApi create(
            AccountsModule module,
            Clock clock,
            Supplier<String> newAccountId,
            ConsistencyTokens tokens,
            Observability observability) {
        return create(module, clock, newAccountId, tokens, observability, Optional.empty());
    }

    /**
     * @param personalData the vault holder names are sealed with, opened with and erased from; empty
     *                     refuses a {@code holderName} (and erasure) rather than storing it in clear
     */
    public static HttpApi create(
            AccountsModule module,
            Clock clock,
            Supplier<String> newAccountId,
            ConsistencyTokens tokens,
            Observability observability,
            Optional<PersonalDataVault> personalData) {
        return new HttpApi(
                "account-request",
                router(module, clock, newAccountId, observability.metrics(), tokens, new HolderNames(personalData)),
                new ExceptionMapping(STATUS_BY_RULE),
                observability);
    }

    /** The routes alone; docs/openapi/accounts.json documents exactly these (see OpenApiDocumentTest). */
    static Router router(
            AccountsModule module,
            Clock clock,
            Supplier<String> newAccountId,
            EmfMetrics metrics,
            ConsistencyTokens tokens,
            HolderNames holders) {
        AccountCommands commands =
                new AccountCommands(module.executor(), clock, newAccountId, metrics, tokens, holders);
        AccountQueries queries = new AccountQueries(
                module.loader(),
                module.balances(),
                new AccountStatement(module.store(), module.codec()),
                tokens,
                holders);
        Router router = new Router()
                .route("POST", "/accounts", commands::open)
                .route("GET", "/accounts/{accountId}", queries::account)
                .route("GET", "/accounts/{accountId}/statement", queries::statement)
                .route("POST", "/accounts/{accountId}/deposits", commands::deposit)
                .route("POST", "/accounts/{accountId}/withdrawals", commands::withdraw)
                .route("PUT", "/accounts/{accountId}/overdraft-limit", commands::changeOverdraftLimit)
                .route("POST", "/accounts/{accountId}/freeze", commands::freeze)
                .route("POST", "/accounts/{accountId}/unfreeze", commands::unfreeze)
                .route("POST", "/accounts/{accountId}/close", commands::close)
                // this context's keys table: erasing a person also takes ordering's
                // DELETE /customers/{customerId}/personal-data (another context, another key)
                .route("DELETE", "/owners/{ownerId}/personal-data", holders::erase);
        module.lists().ifPresent(tables -> {
            AccountLists lists = new AccountLists(
                    tables.dynamoDb(),
                    tables.byOwner(),
                    tables.history(),
                    module.balances(),
                    module.loader(),
                    tokens,
                    holders);
            router.route("GET", "/owners/{ownerId}/accounts", lists::ownerAccounts)
                    .route("GET", "/accounts/{accountId}/balance-history", lists::balanceHistory);
        });
        return router;
    }
}
