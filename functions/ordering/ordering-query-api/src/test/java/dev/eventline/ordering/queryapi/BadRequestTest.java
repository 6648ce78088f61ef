package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.ConsistencyToken;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed input is a 400 problem naming what is wrong, before any table is read. */
@WithEmulator
class BadRequestTest {
    private final QueryApiHarness harness;
    private final String orderId = QueryApiHarness.newId("o");

    BadRequestTest(Emulator emulator) {
        this.harness = new QueryApiHarness(emulator);
        harness.append(List.of(new OrderPlaced(
                orderId, "c-1", "EUR", List.of(new OrderLine("A", 1, 1)), Instant.parse("2026-11-27T08:00:00Z"))));
    }

    @ParameterizedTest(name = "{0}={1} on {2}")
    @CsvSource({
        "limit, abc, /events",
        "limit, 0, /events",
        "limit, 101, /events",
        "limit, -1, /events",
        "cursor, not-a-cursor!, /events",
        "cursor, ZTEuLTE, /events",
        "cursor, e1.-1, /events",
        "cursor, e1.01, /events",
        "cursor, e1.1000000000000000000, /events",
        "minVersion, 1000000000000000000, ''",
        "minVersion, -1, ''",
        "minVersion, abc, ''",
        "maxWaitMs, 5001, ''",
        "maxWaitMs, 1.5, ''",
        "asOf, garbage, ''",
        "asOf, 0, ''",
        "asOf, 2026-13-45T00:00:00Z, ''",
    })
    void a_bad_query_parameter_is_a_400_naming_it(String name, String value, String suffix) {
        QueryApiHarness.Response response = harness.get("/orders/" + orderId + suffix, Map.of(name, value));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body().get("field").asText()).isEqualTo(name);
        assertThat(response.body().get("detail").asText()).contains(name);
    }

    static Stream<Arguments> numbersAtOrBeyondTheBounds() {
        return Stream.of(
                // sample of events-samples/api/queries, status, problem type (null for a 200), member to check, its
                // value
                Arguments.of("as-of-max-int", 404, "not-found", null, null),
                Arguments.of("as-of-max-version", 404, "not-found", null, null),
                Arguments.of("as-of-beyond-long", 400, "invalid-field", "field", "asOf"),
                Arguments.of("min-version-beyond-stream", 412, "precondition-failed", "currentVersion", "2"),
                Arguments.of("token-beyond-stream", 400, "invalid-header", "header", "X-Consistency-Token"),
                Arguments.of("min-version-beyond-long", 400, "invalid-field", "field", "minVersion"),
                Arguments.of("max-wait-beyond-cap", 400, "invalid-field", "field", "maxWaitMs"),
                Arguments.of("events-limit-max-int", 400, "invalid-field", "field", "limit"),
                Arguments.of("customer-orders-limit-max-int", 400, "invalid-field", "field", "limit"),
                Arguments.of("events-cursor-past-the-end", 200, null, "nextCursor", "null"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("numbersAtOrBeyondTheBounds")
    void numbers_at_or_beyond_the_bounds_cost_a_normal_read_and_get_the_documented_status(
            String sample, int status, String type, String member, String value) {
        harness.append(List.of(new ItemAdded(orderId, "B", 1, 2, Instant.parse("2026-11-27T08:01:00Z"))));

        QueryApiHarness.Response response = harness.send(sample, orderId);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        if (type != null) {
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.body().get("type").asText()).endsWith("/" + type);
        } else {
            assertThat(response.body().get("events")).isEmpty();
        }
        if (member != null) {
            assertThat(response.body().get(member).asText()).isEqualTo(value);
        }
    }

    @Test
    void a_tampered_customer_cursor_is_a_400() {
        for (String cursor : List.of(
                "c1.{\"customerId\":\"someone-else\"}",
                "%%%",
                "YWJj",
                "",
                "e1.3",
                "c1.2026-11-27T09:00:00Z.o-1",
                "c1.2026-11-27T09:00:00.000000000Z#o-1",
                "c1.2026-11-27T09:00:00.000000000Z.")) {
            QueryApiHarness.Response response = harness.get("/customers/c-1/orders", Map.of("cursor", cursor));
            assertThat(response.status()).as(cursor).isEqualTo(400);
            assertThat(response.body().get("field").asText()).isEqualTo("cursor");
        }
    }

    @Test
    void consistency_tokens_must_be_well_formed() {
        for (String token : List.of(
                "???", "T3JkZXItby0xQDM", "Order-" + orderId + "@0", "Order-" + orderId, "Order-" + orderId + "@3")) {
            QueryApiHarness.Response response =
                    harness.get("/orders/" + orderId, Map.of(), Map.of(ConsistencyToken.HEADER, token));

            assertThat(response.status()).as(token).isEqualTo(400);
            assertThat(response.body().get("header").asText()).isEqualTo(ConsistencyToken.HEADER);
        }
    }

    @Test
    void time_travel_reads_the_events_which_already_meet_any_consistency_requirement() {
        QueryApiHarness.Response response = harness.get(
                "/orders/" + orderId,
                Map.of("asOf", "1", "minVersion", "7"),
                Map.of(ConsistencyToken.HEADER, harness.tokens.sign(new ConsistencyToken("Order-" + orderId, 9))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("version").asLong()).isEqualTo(1);
        assertThat(harness.get("/orders/" + orderId, Map.of("asOf", "1", "minVersion", "x"))
                        .body()
                        .get("field")
                        .asText())
                .as("still validated")
                .isEqualTo("minVersion");
    }

    @Test
    void path_ids_are_validated_and_unknown_routes_are_404_or_405() {
        assertThat(harness.get("/orders/bad%20id").status()).isEqualTo(400);
        assertThat(harness.get("/orders/bad%20id").body().get("field").asText()).isEqualTo("orderId");
        assertThat(harness.get("/customers/" + "x".repeat(200) + "/orders").status())
                .isEqualTo(400);
        assertThat(harness.get("/orders").status()).isEqualTo(404);
    }
}
