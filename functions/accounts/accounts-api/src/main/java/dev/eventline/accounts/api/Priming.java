package dev.eventline.accounts.api;

import dev.eventline.accounts.application.AccountBalanceView;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.InlineView;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.PrimingRequests;
import dev.eventline.lambda.observability.StructuredLogger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Requests that walk the accounts API once before a SnapStart snapshot: every command and query
 * over in-memory stores, then a command's DynamoDB requests through the real client without
 * changing a table (see {@link #throughDynamoDb}), as the order command API primes.
 */
final class Priming {
    static final String ACCOUNT_ID = "priming-account";

    private Priming() {}

    /** @return the status of each priming request, in order */
    static List<Integer> run(Function<HttpApiEvent, HttpApiResponse> api) {
        String account = "/accounts/" + ACCOUNT_ID;
        Map<String, String> id = Map.of("accountId", ACCOUNT_ID);
        List<HttpApiEvent> requests = List.of(
                event(
                        "POST /accounts",
                        "/accounts",
                        Map.of(),
                        Map.of(),
                        "{\"ownerId\":\"priming\",\"currency\":\"EUR\",\"overdraftLimit\":100}"),
                event(
                        "POST /accounts/{accountId}/deposits",
                        account + "/deposits",
                        id,
                        Map.of(),
                        "{\"amount\":1000,\"reference\":\"priming\"}"),
                event(
                        "POST /accounts/{accountId}/withdrawals",
                        account + "/withdrawals",
                        id,
                        Map.of(),
                        "{\"amount\":100,\"reference\":\"priming\"}"),
                event(
                        "PUT /accounts/{accountId}/overdraft-limit",
                        account + "/overdraft-limit",
                        id,
                        Map.of(),
                        "{\"limit\":200}"),
                event(
                        "POST /accounts/{accountId}/freeze",
                        account + "/freeze",
                        id,
                        Map.of(),
                        "{\"reason\":\"priming\"}"),
                event("POST /accounts/{accountId}/unfreeze", account + "/unfreeze", id, Map.of(), null),
                event("GET /accounts/{accountId}", account, id, Map.of(), null),
                event("GET /accounts/{accountId}/statement", account + "/statement", id, Map.of("limit", "2"), null),
                event(
                        "POST /accounts/{accountId}/withdrawals",
                        account + "/withdrawals",
                        id,
                        Map.of(),
                        "{\"amount\":1000000,\"reference\":\"priming\"}"), // 422 rule violation
                event("POST /accounts/{accountId}/close", account + "/close", id, Map.of(), null), // 422: not empty
                event("POST /accounts", "/accounts", Map.of(), Map.of(), "{\"ownerId\":")); // 400 malformed JSON
        return requests.stream().map(api).map(HttpApiResponse::statusCode).toList();
    }

    /**
     * A command's requests through the real client: the reads (snapshot, stream, idempotency key),
     * and the append's PutItem of {@code sample} under a condition no item meets, so it is refused
     * and nothing is written whatever the tables hold. A failure leaves the snapshot valid but
     * colder, so it is logged, not fatal: the first request then loads the SDK path itself.
     */
    static void throughDynamoDb(
            DynamoDbEventStore store,
            DynamoDbEventTableSnapshots snapshots,
            RecordedEvent sample,
            List<InlineView> views,
            StructuredLogger log) {
        try {
            snapshots.load(sample.streamId());
            store.readAfter(sample.streamId(), 0);
            store.findIdempotencyRecord(ACCOUNT_ID);
            store.findView(AccountBalanceView.VIEW, ACCOUNT_ID);
            if (!store.primeAppend(sample)) {
                log.warn("priming: a PutItem under an impossible condition was accepted (emulator?)");
            }
            // a command with the inline balance view is a transaction: its path is primed too
            if (!store.primeAppend(sample, views)) {
                log.warn("priming: a transaction under an impossible condition was accepted (emulator?)");
            }
        } catch (SdkException unreachable) {
            log.warn("priming could not reach DynamoDB; the first request loads the SDK path", unreachable);
        }
    }

    static String streamId() {
        return AccountStreams.streamId(ACCOUNT_ID);
    }

    private static HttpApiEvent event(
            String routeKey, String path, Map<String, String> pathParameters, Map<String, String> query, String body) {
        return PrimingRequests.event(routeKey, path, pathParameters, query, body);
    }
}
