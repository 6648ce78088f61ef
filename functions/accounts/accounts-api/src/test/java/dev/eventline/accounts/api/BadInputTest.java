package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static dev.eventline.accounts.api.ApiSamples.withHeader;
import static dev.eventline.accounts.api.ApiSamples.withMethod;
import static dev.eventline.accounts.api.ApiSamples.withPath;
import static dev.eventline.accounts.api.ApiSamples.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal is an RFC 9457 problem with the right status, and nothing is appended: the account
 * keeps exactly its one {@code AccountOpened}, and no other stream appears.
 */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BadInputTest {
    private final AccountsFixture accounts;
    private String accountId;
    private long eventsBefore;

    BadInputTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
    }

    @BeforeEach
    void an_open_account() {
        accountId = accounts.open();
        eventsBefore = accounts.eventCount();
    }

    @AfterEach
    void nothing_was_appended() {
        assertThat(accounts.eventTypes(accountId)).containsExactly("AccountOpened");
        assertThat(accounts.eventCount()).isEqualTo(eventsBefore);
    }

    static Stream<Arguments> malformedFields() {
        return Stream.of(
                Arguments.of("amount as a string", "deposit", "{\"amount\":\"10\"}", "amount"),
                Arguments.of("amount with a fraction", "deposit", "{\"amount\":10.5}", "amount"),
                Arguments.of("amount with a fraction in exponent notation", "withdraw", "{\"amount\":1e-1}", "amount"),
                Arguments.of("amount as a boolean", "withdraw", "{\"amount\":true}", "amount"),
                Arguments.of("amount beyond a long", "deposit", "{\"amount\":99999999999999999999}", "amount"),
                Arguments.of("amount missing", "deposit", "{\"reference\":\"x\"}", "amount"),
                Arguments.of("amount null", "deposit", "{\"amount\":null}", "amount"),
                Arguments.of("an unknown field", "deposit", "{\"amount\":10,\"memo\":\"x\"}", "memo"),
                Arguments.of("a blank reference", "deposit", "{\"amount\":10,\"reference\":\"  \"}", "reference"),
                Arguments.of(
                        "a line break in the reference",
                        "withdraw",
                        "{\"amount\":10,\"reference\":\"a\\r\\nb\"}",
                        "reference"),
                Arguments.of(
                        "a reference over 140 characters",
                        "deposit",
                        "{\"amount\":10,\"reference\":\"" + "x".repeat(141) + "\"}",
                        "reference"),
                Arguments.of("limit as a string", "change-overdraft-limit", "{\"limit\":\"5\"}", "limit"),
                Arguments.of("limit missing", "change-overdraft-limit", "{}", "limit"),
                Arguments.of("reason missing", "freeze", "{}", "reason"),
                Arguments.of("a blank reason", "freeze", "{\"reason\":\" \"}", "reason"),
                Arguments.of("a body on unfreeze", "unfreeze", "{\"reason\":\"x\"}", "reason"),
                Arguments.of("a body on close", "close", "{\"force\":true}", "force"),
                Arguments.of(
                        "currency in lower case",
                        "open-account",
                        "{\"ownerId\":\"o-1\",\"currency\":\"eur\"}",
                        "currency"),
                Arguments.of("currency missing", "open-account", "{\"ownerId\":\"o-1\"}", "currency"),
                Arguments.of(
                        "ownerId with a space",
                        "open-account",
                        "{\"ownerId\":\"o 1\",\"currency\":\"EUR\"}",
                        "ownerId"),
                Arguments.of(
                        "ownerId with markup",
                        "open-account",
                        "{\"ownerId\":\"<script>\",\"currency\":\"EUR\"}",
                        "ownerId"),
                Arguments.of(
                        "accountId with a slash",
                        "open-account",
                        "{\"accountId\":\"a/b\",\"ownerId\":\"o-1\",\"currency\":\"EUR\"}",
                        "accountId"),
                Arguments.of(
                        "overdraftLimit as a string",
                        "open-account",
                        "{\"ownerId\":\"o-1\",\"currency\":\"EUR\",\"overdraftLimit\":\"500\"}",
                        "overdraftLimit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFields")
    void a_malformed_field_is_a_400_naming_it(String description, String sample, String body, String field) {
        HttpApiEvent request = withHeader(withBody(event(sample, accountId), body), "Content-Type", "application/json");
        accounts.send(request).assertInvalidField(field);
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"amount\":"),
                Arguments.of("an array", "[{\"amount\":10}]"),
                Arguments.of("a duplicate field", "{\"amount\":10,\"amount\":20}"),
                Arguments.of("trailing content", "{\"amount\":10} {}"),
                Arguments.of("no body at all", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void a_body_that_is_not_one_json_object_is_a_400(String description, String body) {
        accounts.send(withBody(event("deposit", accountId), body)).assertProblem(400, "bad-request");
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                Arguments.of("a zero amount", "deposit", "{\"amount\":0}", "INVALID_AMOUNT"),
                Arguments.of("a negative amount", "withdraw", "{\"amount\":-5}", "INVALID_AMOUNT"),
                Arguments.of("more than the balance", "withdraw", "{\"amount\":1}", "INSUFFICIENT_FUNDS"),
                Arguments.of(
                        "a negative overdraft limit",
                        "change-overdraft-limit",
                        "{\"limit\":-1}",
                        "INVALID_OVERDRAFT_LIMIT"),
                Arguments.of(
                        "an unassigned currency",
                        "open-account",
                        "{\"ownerId\":\"o-1\",\"currency\":\"ZZZ\"}",
                        "INVALID_CURRENCY"),
                Arguments.of(
                        "a negative opening limit",
                        "open-account",
                        "{\"ownerId\":\"o-1\",\"currency\":\"EUR\",\"overdraftLimit\":-1}",
                        "INVALID_OVERDRAFT_LIMIT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void a_broken_business_rule_is_a_422_with_its_code(String description, String sample, String body, String code) {
        accounts.send(withBody(event(sample, accountId), body)).assertProblem(422, "unprocessable-content", code);
    }

    @Test
    void opening_an_existing_account_with_other_terms_is_a_409() {
        String body = "{\"accountId\":\"" + accountId + "\",\"ownerId\":\"someone-else\",\"currency\":\"EUR\"}";
        accounts.send(withBody(event("open-account"), body)).assertProblem(409, "conflict", "ACCOUNT_ALREADY_EXISTS");
    }

    @Test
    void a_command_on_an_account_that_does_not_exist_is_a_404_with_the_rule_code() {
        accounts.send(event("deposit", AccountsFixture.newAccountId()))
                .assertProblem(404, "not-found", "ACCOUNT_NOT_FOUND");
    }

    @Test
    void reading_an_account_or_statement_that_does_not_exist_is_a_404_with_the_rule_code() {
        String nobody = AccountsFixture.newAccountId();
        accounts.send(event("get-account", nobody)).assertProblem(404, "not-found", "ACCOUNT_NOT_FOUND");
        accounts.send(event("get-statement", nobody)).assertProblem(404, "not-found", "ACCOUNT_NOT_FOUND");
    }

    @Test
    void a_hostile_account_id_in_the_path_is_a_400_naming_it() {
        HttpApiEvent hostile = withPath(event("deposit", accountId), "/accounts/..%2F..%2Fetc%2Fpasswd/deposits");
        accounts.send(hostile).assertInvalidField("accountId");
    }

    @Test
    void a_path_that_is_no_resource_is_a_404() {
        accounts.send(withPath(event("deposit", accountId), "/accounts/" + accountId + "/transfers"))
                .assertProblem(404, "not-found");
    }

    @Test
    void a_method_the_resource_does_not_support_is_a_405_listing_the_allowed_ones() {
        Response response = accounts.send(withMethod(event("get-account", accountId), "DELETE"));
        response.assertProblem(405, "method-not-allowed");
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    @Test
    void a_body_over_64_kilobytes_is_a_413() {
        String huge = "{\"amount\":10,\"reference\":\"" + "x".repeat(70_000) + "\"}";
        accounts.send(withBody(event("deposit", accountId), huge)).assertProblem(413, "payload-too-large");
    }

    @Test
    void a_body_that_is_not_declared_json_is_a_415() {
        accounts.send(withHeader(event("deposit", accountId), "Content-Type", "text/plain"))
                .assertProblem(415, "unsupported-media-type");
    }

    @Test
    void malformed_conditional_and_idempotency_headers_are_a_400_naming_the_header() {
        Response ifMatch = accounts.send(withHeader(event("deposit", accountId), "If-Match", "version one"));
        ifMatch.assertProblem(400, "invalid-header");
        assertThat(ifMatch.body().path("header").asText()).isEqualTo("If-Match");

        Response key = accounts.send(withHeader(event("deposit", accountId), "Idempotency-Key", "has spaces"));
        key.assertProblem(400, "invalid-header");
        assertThat(key.body().path("header").asText()).isEqualTo("Idempotency-Key");

        Response token = accounts.send(withHeader(event("get-account", accountId), "X-Consistency-Token", "%%%"));
        token.assertProblem(400, "invalid-header");
    }

    @Test
    void malformed_query_parameters_are_a_400_naming_them() {
        accounts.send(withQuery(event("get-statement", accountId), Map.of("limit", "0")))
                .assertInvalidField("limit");
        accounts.send(withQuery(event("get-statement", accountId), Map.of("limit", "201")))
                .assertInvalidField("limit");
        accounts.send(withQuery(event("get-statement", accountId), Map.of("limit", "ten")))
                .assertInvalidField("limit");
        accounts.send(withQuery(event("get-statement", accountId), Map.of("cursor", "not-a-cursor")))
                .assertInvalidField("cursor");
        accounts.send(withQuery(event("get-account", accountId), Map.of("minVersion", "-1")))
                .assertInvalidField("minVersion");
    }

    static Stream<Arguments> numbersAtOrBeyondTheBounds() {
        return Stream.of(
                // sample of events-samples/api/accounts, status, problem type (null for a 200), member to check, its
                // value
                Arguments.of(
                        "get-account-min-version-beyond-stream", 412, "precondition-failed", "currentVersion", "1"),
                Arguments.of("get-account-token-beyond-stream", 400, "invalid-header", "header", "X-Consistency-Token"),
                Arguments.of("get-account-min-version-beyond-long", 400, "invalid-field", "field", "minVersion"),
                Arguments.of("get-statement-limit-max-int", 400, "invalid-field", "field", "limit"),
                Arguments.of("get-statement-cursor-past-the-end", 200, null, "nextCursor", "null"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("numbersAtOrBeyondTheBounds")
    void numbers_at_or_beyond_the_bounds_cost_a_normal_read_and_get_the_documented_status(
            String sample, int status, String type, String member, String value) {
        Response response = accounts.send(event(sample, accountId));

        assertThat(response.status()).as(response.rawBody()).isEqualTo(status);
        if (type != null) {
            response.assertProblem(status, type);
        } else {
            assertThat(response.body().path("lines")).isEmpty();
        }
        assertThat(response.body().path(member).asText()).isEqualTo(value);
    }

    @Test
    void a_failure_of_the_store_is_a_500_that_names_the_request_and_nothing_else(Emulator emulator) {
        AccountsFixture broken = AccountsFixture.start(
                emulator,
                Map.of(
                        AccountsEnvironment.EVENTS_TABLE,
                        "no-such-table",
                        AccountsEnvironment.BALANCES_TABLE,
                        "no-such-table"));

        Response response = broken.send(event("get-account", accountId));

        response.assertProblem(500, "internal");
        assertThat(response.body().path("requestId").asText()).isNotBlank();
        assertThat(response.rawBody()).doesNotContain("no-such-table").doesNotContain("Account-");
    }
}
