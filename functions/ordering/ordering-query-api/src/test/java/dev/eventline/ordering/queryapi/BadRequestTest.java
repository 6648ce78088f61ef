package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.ConsistencyToken;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed input is a 400 problem naming what is wrong, before any table is read. */
@WithEmulator
class BadRequestTest {
    private final QueryApiHarness harness;
    private final String orderId = QueryApiHarness.newId("o");

    BadRequestTest(Emulator emulator) {
        this.harness = new QueryApiHarness(emulator);
        harness.append(List.of(new OrderPlaced(orderId, "c-1", "EUR", List.of(new OrderLine("A", 1, 1)),
                Instant.parse("2026-11-27T08:00:00Z"))));
    }

    @ParameterizedTest(name = "{0}={1} on {2}")
    @CsvSource({
            "limit, abc, /events",
            "limit, 0, /events",
            "limit, 101, /events",
            "limit, -1, /events",
            "cursor, not-a-cursor!, /events",
            "cursor, ZTEuLTE, /events",
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

    @Test
    void a_tampered_customer_cursor_is_a_400() {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("c1.{\"customerId\":\"someone-else\"}".getBytes(StandardCharsets.US_ASCII));
        for (String cursor : List.of(forged, "%%%", "YWJj", "")) {
            QueryApiHarness.Response response = harness.get("/customers/c-1/orders", Map.of("cursor", cursor));
            assertThat(response.status()).as(cursor).isEqualTo(400);
            assertThat(response.body().get("field").asText()).isEqualTo("cursor");
        }
    }

    @Test
    void consistency_tokens_must_be_valid_and_for_this_order() {
        QueryApiHarness.Response garbage = harness.get("/orders/" + orderId, Map.of(), Map.of(ConsistencyToken.HEADER, "???"));
        QueryApiHarness.Response otherOrder = harness.get("/orders/" + orderId, Map.of(),
                Map.of(ConsistencyToken.HEADER, new ConsistencyToken("Order-someone-else", 1).encode()));

        for (QueryApiHarness.Response response : List.of(garbage, otherOrder)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().get("header").asText()).isEqualTo(ConsistencyToken.HEADER);
        }
    }

    @Test
    void time_travel_cannot_be_combined_with_a_consistency_requirement() {
        QueryApiHarness.Response response = harness.get("/orders/" + orderId, Map.of("asOf", "1", "minVersion", "1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("field").asText()).isEqualTo("asOf");
    }

    @Test
    void path_ids_are_validated_and_unknown_routes_are_404_or_405() {
        assertThat(harness.get("/orders/bad%20id").status()).isEqualTo(400);
        assertThat(harness.get("/orders/bad%20id").body().get("field").asText()).isEqualTo("orderId");
        assertThat(harness.get("/customers/" + "x".repeat(200) + "/orders").status()).isEqualTo(400);
        assertThat(harness.get("/orders").status()).isEqualTo(404);
    }
}
