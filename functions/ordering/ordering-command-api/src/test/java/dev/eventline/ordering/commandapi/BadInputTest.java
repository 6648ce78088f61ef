package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal, from the sample payloads: the status, an RFC 9457 document naming what is wrong,
 * and not a single event appended anywhere. Each case runs against a placed order with one added
 * item (version 2, total 4498), so a case that slipped through would have something to change.
 */
@WithEmulator
class BadInputTest {
    private final Emulator emulator;
    private final CommandApiHandler handler;
    private final EventsTable table;
    private String orderId;

    BadInputTest(Emulator emulator) {
        this.emulator = emulator;
        this.handler = new CommandApiHandler(new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class)));
        this.table = new EventsTable(emulator);
    }

    @BeforeEach
    void placeAnOrderWithTwoLines() {
        orderId = send(event("place-order")).orderId();
        send(event("add-item", orderId)).assertCommand(200, 2, "ItemAdded");
    }

    private Response send(HttpApiEvent event) {
        return Response.of(handler.handleRequest(event, null));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // sample, status, problem type, problem member to check, its value
                Arguments.of("malformed-json", 400, "bad-request", null, null),
                Arguments.of("array-body", 400, "bad-request", null, null),
                Arguments.of("duplicate-field", 400, "bad-request", null, null),
                Arguments.of("missing-body", 400, "bad-request", null, null),
                Arguments.of("wrong-types", 400, "invalid-field", "field", "quantity"),
                Arguments.of("wrong-types-nested", 400, "invalid-field", "field", "items[1].quantity"),
                Arguments.of("missing-field", 400, "invalid-field", "field", "currency"),
                Arguments.of("unknown-field", 400, "invalid-field", "field", "discount"),
                Arguments.of("invalid-currency-format", 400, "invalid-field", "field", "currency"),
                Arguments.of("invalid-sku", 400, "invalid-field", "field", "sku"),
                Arguments.of("hostile-customer-id", 400, "invalid-field", "field", "customerId"),
                Arguments.of("blank-reason", 400, "invalid-field", "field", "reason"),
                Arguments.of("control-characters", 400, "invalid-field", "field", "carrier"),
                Arguments.of("body-on-confirm", 400, "invalid-field", "field", "force"),
                Arguments.of("hostile-id", 400, "invalid-field", "field", "orderId"),
                Arguments.of("sku-too-long", 400, "invalid-field", "field", "sku"),
                Arguments.of("invalid-if-match", 400, "invalid-header", "header", "If-Match"),
                Arguments.of("invalid-idempotency-key", 400, "invalid-header", "header", "Idempotency-Key"),
                Arguments.of("if-match-beyond-long", 400, "invalid-header", "header", "If-Match"),
                Arguments.of("unknown-route", 404, "not-found", null, null),
                Arguments.of("unknown-order", 404, "not-found", "code", "ORDER_NOT_FOUND"),
                Arguments.of("wrong-method", 405, "method-not-allowed", null, null),
                Arguments.of("stale-if-match", 412, "precondition-failed", "currentVersion", "2"),
                Arguments.of("if-match-far-ahead", 412, "precondition-failed", "currentVersion", "2"),
                Arguments.of("non-json-content-type", 415, "unsupported-media-type", null, null));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("refusals")
    void is_refused_with_a_problem_and_changes_nothing(
            String sample, int status, String type, String member, String value) {
        long before = table.count();

        Response response = send(event(sample, orderId)).assertProblem(status, type);

        if (member != null) {
            assertThat(response.body().path(member).asText()).isEqualTo(value);
        }
        assertThat(table.count()).as("events in the table").isEqualTo(before);
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "ItemAdded");
    }

    @Test
    void hostile_values_are_named_but_never_echoed() {
        Response pathId = send(event("hostile-id", orderId)).assertProblem(400, "invalid-field");
        Response bodyId = send(event("hostile-customer-id", orderId)).assertProblem(400, "invalid-field");

        // the detail says what is wrong with the value, never what the value was
        assertThat(pathId.body().path("detail").asText())
                .doesNotContain("passwd")
                .doesNotContain("..");
        assertThat(bodyId.rawBody()).doesNotContain("<script>").doesNotContain("\\u0000");
    }

    @Test
    void a_405_says_which_methods_the_resource_has() {
        Response response = send(event("wrong-method", orderId)).assertProblem(405, "method-not-allowed");

        assertThat(response.header("Allow")).isEqualTo("POST");
    }

    @Test
    void a_412_gives_the_current_version_as_etag_to_retry_with() {
        Response response = send(event("stale-if-match", orderId)).assertProblem(412, "precondition-failed");

        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        send(ApiSamples.withHeader(event("confirm", orderId), "If-Match", response.header("ETag")))
                .assertCommand(200, 3, "OrderConfirmed");
    }

    @Test
    void a_body_over_64_kb_is_refused_before_it_is_parsed() {
        String padded =
                "{\"sku\":\"SKU-9\",\"quantity\":1,\"unitPrice\":500,\"padding\":\"" + "x".repeat(70_000) + "\"}";
        long before = table.count();

        Response response = send(withBody(event("add-item", orderId), padded)).assertProblem(413, "payload-too-large");

        assertThat(response.body().path("limit").asLong()).isEqualTo(65_536);
        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void business_rules_answer_422_with_their_code_and_change_nothing() {
        long before = table.count();

        assertRule(send(event("unknown-currency", orderId)), "INVALID_CURRENCY");
        assertRule(send(event("quantity-out-of-range", orderId)), "QUANTITY_OUT_OF_RANGE");
        assertRule(send(event("pay", orderId)), "ORDER_NOT_CONFIRMED");
        assertRule(
                send(withBody(event("add-item", orderId), "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":1}")),
                "UNIT_PRICE_MISMATCH");
        assertRule(
                send(withBody(
                        event("add-item", orderId), "{\"sku\":\"SKU-9\",\"quantity\":2147483647,\"unitPrice\":1}")),
                "QUANTITY_OUT_OF_RANGE");

        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void payment_of_another_amount_than_the_total_is_refused() {
        send(event("confirm", orderId)).assertCommand(200, 3, "OrderConfirmed");
        long before = table.count();

        assertRule(send(event("pay-wrong-amount", orderId)), "PAYMENT_AMOUNT_MISMATCH");
        assertRule(send(event("deliver", orderId)), "ORDER_NOT_SHIPPED");

        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void an_order_without_items_cannot_be_confirmed_and_a_missing_item_not_removed() {
        String empty = send(withBody(event("place-order"), "{\"customerId\":\"c-1\",\"currency\":\"EUR\"}"))
                .orderId();
        long before = table.count();

        assertRule(send(event("confirm", empty)), "ORDER_HAS_NO_ITEMS");
        assertRule(send(event("remove-item", empty)), "ITEM_NOT_IN_ORDER");

        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void an_unexpected_failure_is_a_500_that_reveals_nothing() {
        Map<String, String> variables = new HashMap<>(emulator.environmentOf(CommandApiHandler.class));
        variables.put("EVENTS_TABLE", "no-such-table-secret-name");
        LambdaEnvironment env = new LambdaEnvironment(variables);
        List<String> log = new ArrayList<>();
        CommandApiHandler misconfigured = new CommandApiHandler(env, new AwsClients(env), Clock.systemUTC(), log::add);

        Response response = Response.of(misconfigured.handleRequest(event("confirm", orderId), null))
                .assertProblem(500, "internal");

        assertThat(response.rawBody())
                .doesNotContain("no-such-table")
                .doesNotContain("Exception")
                .doesNotContain("Order-" + orderId);
        String requestId = response.body().path("requestId").asText();
        assertThat(requestId).isNotBlank();
        assertThat(log)
                .as("the cause is for operators, under the request id the client was given")
                .anySatisfy(line ->
                        assertThat(line).contains("ResourceNotFoundException").contains(requestId));
    }

    private static void assertRule(Response response, String code) {
        response.assertProblem(422, "unprocessable-content");
        assertThat(response.body().path("code").asText())
                .as("rule code of %s", response.rawBody())
                .isEqualTo(code);
    }
}
