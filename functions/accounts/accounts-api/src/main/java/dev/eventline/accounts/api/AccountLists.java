package dev.eventline.accounts.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountRule;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.accounts.application.AccountBalanceView;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.accounts.application.BalanceDayItem;
import dev.eventline.accounts.application.OwnerAccountItem;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.InlineView;
import dev.eventline.eventstore.InlineViews;
import dev.eventline.eventstore.StreamId;
import dev.eventline.eventstore.StreamLoader;
import dev.eventline.eventstore.StreamLoader.Loaded;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The accounts lists, read from the accounts projector's tables: an owner's accounts
 * ({@code GET /owners/{ownerId}/accounts}, by account id) and an account's balance at the end of each
 * day it moved ({@code GET /accounts/{accountId}/balance-history}, oldest first). Both lag the events
 * by the projector's latency. The owner's list honours consistency tokens as the customer's order list
 * does: the accounts they name are merged in from the inline balance view (one point read each, never
 * stale), and {@code X-Read-Source} says {@code merged}.
 */
final class AccountLists {
    static final String OWNER_CURSOR = "a1\\.([A-Za-z0-9_-]{1,128})";
    static final String DAY_CURSOR = "d1\\.([0-9]{4}-[0-9]{2}-[0-9]{2})";
    private static final Pattern OWNER = Pattern.compile(OWNER_CURSOR);
    private static final Pattern DAY = Pattern.compile(DAY_CURSOR);

    private final DynamoDbClient dynamoDb;
    private final String byOwner;
    private final String history;
    private final Optional<InlineViews> balances;
    private final StreamLoader<AccountEvent, AccountState> loader;

    AccountLists(
            DynamoDbClient dynamoDb,
            String byOwner,
            String history,
            Optional<InlineViews> balances,
            StreamLoader<AccountEvent, AccountState> loader,
            ConsistencyTokens tokens,
            HolderNames holders) {
        this.tokens = tokens;
        this.holders = holders;
        this.dynamoDb = dynamoDb;
        this.byOwner = byOwner;
        this.history = history;
        this.balances = balances;
        this.loader = loader;
    }

    private final ConsistencyTokens tokens;
    private final HolderNames holders;

    private record Page<T>(List<T> items, Optional<String> lastKey) {}

    /** The account as its owner check needs it: the inline view (one point read), else the fold. */
    private AccountState stateOf(String accountId) {
        return balances.flatMap(views -> views.findView(AccountBalanceView.VIEW, accountId))
                .map(AccountBalanceView::state)
                .orElseGet(() -> loader.load(AccountStreams.streamId(accountId)).state());
    }

    HttpResponse ownerAccounts(HttpRequest request) {
        String ownerId = request.pathParam("ownerId");
        int limit = AccountQueries.limit(request);
        Optional<String> after = cursor(request, OWNER);
        List<ConsistencyToken> written = tokens.allFrom(request);
        if (AccountQueries.access(request).readOwner(ownerId) != AccountAccess.Outcome.ALLOWED) {
            // as for an account: another owner's list is not there, rather than forbidden
            throw ProblemException.notFound("owner " + ownerId + " has no accounts visible to you");
        }
        Page<OwnerAccountItem> page = query(
                byOwner,
                OwnerAccountItem.OWNER_ID,
                ownerId,
                OwnerAccountItem.ACCOUNT_ID,
                after,
                limit,
                OwnerAccountItem::fromItem,
                OwnerAccountItem::accountId);
        List<OwnerAccountItem> items = new ArrayList<>(page.items());
        Optional<String> lastKey = page.lastKey();
        boolean merged = false;
        for (ConsistencyToken token : written) {
            Optional<String> accountId = accountIdOf(token);
            if (accountId.isEmpty() || onPageAt(items, accountId.get(), token.version())) {
                continue;
            }
            Optional<OwnerAccountItem> current = current(accountId.get(), token.version());
            if (current.isEmpty() || !current.get().ownerId().equals(ownerId)) {
                continue; // another owner's account is not part of this list
            }
            OwnerAccountItem item = current.get();
            boolean wasOnPage = items.removeIf(existing -> existing.accountId().equals(item.accountId()));
            String key = item.accountId();
            if (wasOnPage
                    || (after.map(a -> key.compareTo(a) > 0).orElse(true)
                            && lastKey.map(last -> key.compareTo(last) < 0).orElse(true))) {
                items.add(item);
                merged = true;
            }
        }
        if (merged) {
            items.sort(Comparator.comparing(OwnerAccountItem::accountId));
            if (items.size() > limit) {
                items = new ArrayList<>(items.subList(0, limit));
                lastKey = Optional.of(items.getLast().accountId());
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("ownerId", ownerId);
        ArrayNode accounts = body.putArray("accounts");
        // one session for the page: the owner's key is read and unwrapped once, whatever the page size
        Function<String, Optional<String>> reader = holders.reader();
        for (OwnerAccountItem item : items) {
            ObjectNode json = accounts.addObject()
                    .put("accountId", item.accountId())
                    .put("status", item.status())
                    .put("currency", item.currency())
                    .put("balance", item.balance())
                    .put("version", item.version());
            json.put("updatedAt", item.updatedAt());
            HolderNames.show(json, item.holder(), reader);
        }
        putCursor(body, lastKey.map(key -> "a1." + key));
        return list(body, merged ? "merged" : "projection");
    }

    HttpResponse balanceHistory(HttpRequest request) {
        String accountId = AccountRequests.accountId(request);
        int limit = AccountQueries.limit(request);
        Optional<String> after = cursor(request, DAY);
        // input first (a 400 tells nothing about anyone's account), then whose it is
        if (AccountQueries.access(request).read(stateOf(accountId)) != AccountAccess.Outcome.ALLOWED) {
            // someone else's account is the same 404 as a missing one
            throw new RuleViolation(AccountRule.ACCOUNT_NOT_FOUND, "account " + accountId + " does not exist");
        }
        Page<BalanceDayItem> page = query(
                history,
                BalanceDayItem.ACCOUNT_ID,
                accountId,
                BalanceDayItem.DAY,
                after,
                limit,
                BalanceDayItem::fromItem,
                BalanceDayItem::day);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("accountId", accountId);
        ArrayNode days = body.putArray("days");
        for (BalanceDayItem item : page.items()) {
            days.addObject()
                    .put("day", item.day())
                    .put("closingBalance", item.closingBalance())
                    .put("available", item.available())
                    .put("transactionCount", item.transactionCount())
                    .put("status", item.status())
                    .put("version", item.version());
        }
        putCursor(body, page.lastKey().map(day -> "d1." + day));
        return list(body, "projection");
    }

    /** Ascending by sort key, one item more than {@code limit}: the next page exists exactly when it comes back. */
    private <T> Page<T> query(
            String table,
            String partitionName,
            String partition,
            String sortName,
            Optional<String> after,
            int limit,
            java.util.function.Function<Map<String, AttributeValue>, T> decode,
            java.util.function.Function<T, String> sortKey) {
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#p = :p")
                .expressionAttributeNames(Map.of("#p", partitionName))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                .limit(limit + 1);
        after.ifPresent(key -> query.exclusiveStartKey(
                Map.of(partitionName, AttributeValue.fromS(partition), sortName, AttributeValue.fromS(key))));
        QueryResponse response = dynamoDb.query(query.build());
        List<T> items = response.items().stream().map(decode).toList();
        if (items.size() > limit) {
            List<T> page = items.subList(0, limit);
            return new Page<>(page, Optional.of(sortKey.apply(page.getLast())));
        }
        boolean cutShort =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !items.isEmpty();
        return new Page<>(items, cutShort ? Optional.of(sortKey.apply(items.getLast())) : Optional.empty());
    }

    /** The account as it is now: the inline view (never stale), or its events when it has no view item yet. */
    private Optional<OwnerAccountItem> current(String accountId, long required) {
        Optional<InlineView> view = balances.flatMap(v -> v.findView(AccountBalanceView.VIEW, accountId));
        AccountState state;
        long version;
        if (view.isPresent()) {
            state = AccountBalanceView.state(view.get());
            version = view.get().version();
        } else {
            Loaded<AccountState> loaded = loader.load(AccountStreams.streamId(accountId));
            state = loaded.state();
            version = loaded.version();
        }
        if (version == 0) {
            return Optional.empty();
        }
        if (version < required) {
            throw ProblemException.preconditionFailed(
                    "account " + accountId + " is at version " + version + ", below the version " + required
                            + " the request requires",
                    version);
        }
        return OwnerAccountItem.of(state, version);
    }

    private static boolean onPageAt(List<OwnerAccountItem> items, String accountId, long version) {
        return items.stream().anyMatch(item -> item.accountId().equals(accountId) && item.version() >= version);
    }

    private static Optional<String> accountIdOf(ConsistencyToken token) {
        try {
            StreamId stream = StreamId.parse(token.streamId());
            return stream.category().equals(AccountStreams.CATEGORY) ? Optional.of(stream.id()) : Optional.empty();
        } catch (IllegalArgumentException noAccountHasIt) {
            return Optional.empty();
        }
    }

    private static Optional<String> cursor(HttpRequest request, Pattern form) {
        Optional<String> cursor = request.queryParam("cursor");
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = form.matcher(cursor.get());
        if (cursor.get().length() > 140 || !matcher.matches()) {
            throw ProblemException.invalidField(
                    "cursor", "cursor must be a nextCursor returned by this list, unchanged");
        }
        return Optional.of(matcher.group(1));
    }

    private static void putCursor(ObjectNode body, Optional<String> cursor) {
        if (cursor.isPresent()) {
            body.put("nextCursor", cursor.get());
        } else {
            body.putNull("nextCursor");
        }
    }

    private static HttpResponse list(ObjectNode body, String source) {
        return HttpResponse.status(200)
                .header(AccountQueries.READ_SOURCE, source)
                .header("Cache-Control", "private, no-cache")
                .json(body)
                .build();
    }
}
