package dev.eventline.accounts.api;

import dev.eventline.accounts.AccountRule;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.HttpApi;
import dev.eventline.http.Router;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import java.time.Clock;
import java.util.Map;
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
        return new HttpApi(
                "account-request",
                router(module, clock, newAccountId, observability.metrics(), tokens),
                new ExceptionMapping(STATUS_BY_RULE),
                observability);
    }

    /** The routes alone; docs/openapi/accounts.json documents exactly these (see OpenApiDocumentTest). */
    static Router router(
            AccountsModule module,
            Clock clock,
            Supplier<String> newAccountId,
            EmfMetrics metrics,
            ConsistencyTokens tokens) {
        AccountCommands commands = new AccountCommands(module.executor(), clock, newAccountId, metrics, tokens);
        AccountQueries queries = new AccountQueries(
                module.loader(), module.balances(), new AccountStatement(module.store(), module.codec()), tokens);
        Router router = new Router()
                .route("POST", "/accounts", commands::open)
                .route("GET", "/accounts/{accountId}", queries::account)
                .route("GET", "/accounts/{accountId}/statement", queries::statement)
                .route("POST", "/accounts/{accountId}/deposits", commands::deposit)
                .route("POST", "/accounts/{accountId}/withdrawals", commands::withdraw)
                .route("PUT", "/accounts/{accountId}/overdraft-limit", commands::changeOverdraftLimit)
                .route("POST", "/accounts/{accountId}/freeze", commands::freeze)
                .route("POST", "/accounts/{accountId}/unfreeze", commands::unfreeze)
                .route("POST", "/accounts/{accountId}/close", commands::close);
        module.lists().ifPresent(tables -> {
            AccountLists lists = new AccountLists(
                    tables.dynamoDb(), tables.byOwner(), tables.history(), module.balances(), module.loader(), tokens);
            router.route("GET", "/owners/{ownerId}/accounts", lists::ownerAccounts)
                    .route("GET", "/accounts/{accountId}/balance-history", lists::balanceHistory);
        });
        return router;
    }
}
