package dev.eventline.accounts.api;

import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountRule;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.accounts.application.AccountBalanceView;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.InlineView;
import dev.eventline.eventstore.InlineViews;
import dev.eventline.eventstore.StreamLoader;
import dev.eventline.eventstore.StreamLoader.Loaded;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ETags;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.Principal;
import dev.eventline.http.ProblemException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The read routes. An account is read from its inline balance view (one consistent point read,
 * written in the same transaction as the events), or, for an account no command has touched since the
 * view was introduced, from the source of truth (snapshot plus the events after it). Neither lags the
 * events, so a consistency token or {@code minVersion} is always already satisfied by any version the
 * client can have been told about, and {@code If-None-Match} gives a 304 without a body. Where the
 * answer came from is in {@code X-Read-Source} ({@code inline} or {@code events}).
 */
final class AccountQueries {
    static final int DEFAULT_STATEMENT_LIMIT = 50;
    static final int MAX_STATEMENT_LIMIT = 200;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    static final String READ_SOURCE = "X-Read-Source";

    private final StreamLoader<AccountEvent, AccountState> loader;
    private final Optional<InlineViews> balances;
    private final AccountStatement statement;
    private final ConsistencyTokens tokens;
    private final HolderNames holders;

    AccountQueries(
            StreamLoader<AccountEvent, AccountState> loader,
            Optional<InlineViews> balances,
            AccountStatement statement,
            ConsistencyTokens tokens,
            HolderNames holders) {
        this.tokens = tokens;
        this.holders = holders;
        this.loader = loader;
        this.balances = balances;
        this.statement = statement;
    }

    HttpResponse account(HttpRequest request) {
        String accountId = AccountRequests.accountId(request);
        String streamId = AccountStreams.streamId(accountId);
        long required = requiredVersion(request, streamId);
        Optional<InlineView> view = balances.flatMap(views -> views.findView(AccountBalanceView.VIEW, accountId));
        if (view.isPresent()) {
            return answer(
                    request, AccountBalanceView.state(view.get()), view.get().version(), required, "inline");
        }
        Loaded<AccountState> loaded = loader.load(streamId);
        return answer(request, loaded.state(), loaded.version(), required, "events");
    }

    private HttpResponse answer(HttpRequest request, AccountState state, long version, long required, String source) {
        String accountId = AccountRequests.accountId(request);
        // someone else's account is the same 404 as a missing one
        if (access(request).read(state) != AccountAccess.Outcome.ALLOWED) {
            throw new RuleViolation(AccountRule.ACCOUNT_NOT_FOUND, "account " + accountId + " does not exist");
        }
        if (version < required) {
            // A strongly consistent read includes every committed write, so this version was never written.
            throw ProblemException.preconditionFailed(
                    "the account is at version " + version + ", below the version " + required
                            + " the request requires",
                    version);
        }
        if (ETags.matchesIfNoneMatch(request.header(ETags.IF_NONE_MATCH), version)) {
            return HttpResponse.notModified(version);
        }
        return HttpResponse.status(200)
                // opened only now, after the access check, for this request alone
                .json(AccountJson.of(state, version, holders.reader()))
                .header("ETag", ETags.of(version))
                .header(READ_SOURCE, source)
                .build();
    }

    HttpResponse statement(HttpRequest request) {
        String accountId = AccountRequests.accountId(request);
        int limit = limit(request);
        long after = request.queryParam("cursor").map(StatementCursor::decode).orElse(0L);
        // whose account it is, from the snapshot and tail (or the cache-less replay); another's is missing
        if (access(request).read(loader.load(AccountStreams.streamId(accountId)).state())
                != AccountAccess.Outcome.ALLOWED) {
            throw new RuleViolation(AccountRule.ACCOUNT_NOT_FOUND, "account " + accountId + " does not exist");
        }
        return HttpResponse.status(200)
                .json(statement.page(accountId, after, limit))
                .build();
    }

    static AccountAccess access(HttpRequest request) {
        Principal principal = request.principal();
        return new AccountAccess(principal.subject(), principal.isStaff());
    }

    /**
     * The version the client requires, from {@code X-Consistency-Token} and {@code minVersion}; 0 for
     * none. The token is verified before the stream is read: forged, tampered or another stream's
     * is a 400 that costs no read.
     */
    private long requiredVersion(HttpRequest request, String streamId) {
        long fromToken = tokens.fromHeader(request, streamId)
                .map(ConsistencyToken::version)
                .orElse(0L);
        long fromQuery = request.queryParam("minVersion")
                .map(value -> number("minVersion", value))
                .orElse(0L);
        return Math.max(fromToken, fromQuery);
    }

    static int limit(HttpRequest request) {
        Optional<String> value = request.queryParam("limit");
        if (value.isEmpty()) {
            return DEFAULT_STATEMENT_LIMIT;
        }
        long limit = number("limit", value.get());
        if (limit < 1 || limit > MAX_STATEMENT_LIMIT) {
            throw ProblemException.invalidField("limit", "limit must be between 1 and " + MAX_STATEMENT_LIMIT);
        }
        return (int) limit;
    }

    private static long number(String name, String value) {
        if (!DIGITS.matcher(value).matches()) {
            throw ProblemException.invalidField(name, name + " must be a non-negative integer");
        }
        return Long.parseLong(value);
    }
}
