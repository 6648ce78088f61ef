package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.ConsistencyToken;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithEmulator
class ReadYourWritesTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    private final QueryApiHarness harness;

    ReadYourWritesTest(Emulator emulator) {
        this.harness = new QueryApiHarness(emulator);
    }

    private String placeAndAdd(String orderId) {
        harness.append(List.of(
                new OrderPlaced(orderId, "c-1", "EUR", List.of(new OrderLine("A", 2, 500)), T),
                new ItemAdded(orderId, "B", 1, 250, T.plusSeconds(5))));
        return harness.tokens.sign(new ConsistencyToken("Order-" + orderId, 2));
    }

    @Test
    void before_the_projection_catches_up_the_order_is_folded_from_its_events() {
        String orderId = QueryApiHarness.newId("o");
        String token = placeAndAdd(orderId);

        QueryApiHarness.Response byToken =
                harness.get("/orders/" + orderId, Map.of("maxWaitMs", "100"), Map.of(ConsistencyToken.HEADER, token));
        QueryApiHarness.Response byMinVersion =
                harness.get("/orders/" + orderId, Map.of("minVersion", "2", "maxWaitMs", "0"));

        for (QueryApiHarness.Response response : List.of(byToken, byMinVersion)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Read-Source")).isEqualTo("events");
            assertThat(response.header("ETag")).isEqualTo("\"2\"");
            assertThat(response.body().get("version").asLong()).isEqualTo(2);
            assertThat(response.body().get("total").asLong()).isEqualTo(1_250);
            assertThat(response.body().get("lines")).hasSize(2);
        }
        assertThat(harness.sleeps).isNotEmpty();
        assertThat(harness.sleeps.stream().reduce(Duration.ZERO, Duration::plus))
                .isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void once_projected_the_same_order_comes_from_the_projection_byte_for_byte() {
        String orderId = QueryApiHarness.newId("o");
        String token = placeAndAdd(orderId);
        QueryApiHarness.Response fromEvents =
                harness.get("/orders/" + orderId, Map.of("maxWaitMs", "0"), Map.of(ConsistencyToken.HEADER, token));

        harness.project();
        QueryApiHarness.Response fromProjection =
                harness.get("/orders/" + orderId, Map.of(), Map.of(ConsistencyToken.HEADER, token));
        QueryApiHarness.Response plain = harness.get("/orders/" + orderId);

        assertThat(fromProjection.header("X-Read-Source")).isEqualTo("projection");
        assertThat(plain.header("X-Read-Source")).isEqualTo("projection");
        assertThat(fromProjection.rawBody()).isEqualTo(fromEvents.rawBody());
        assertThat(fromProjection.header("ETag")).isEqualTo(fromEvents.header("ETag"));
        assertThat(fromProjection.header(ConsistencyToken.HEADER)).isEqualTo(token);
        assertThat(harness.sleeps).isEmpty();
    }

    @Test
    void a_query_waits_for_the_projection_when_it_catches_up_in_time() {
        String orderId = QueryApiHarness.newId("o");
        String token = placeAndAdd(orderId);
        harness.whileWaiting = harness::project;

        QueryApiHarness.Response response =
                harness.get("/orders/" + orderId, Map.of(), Map.of(ConsistencyToken.HEADER, token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Read-Source")).isEqualTo("projection");
        assertThat(harness.sleeps).hasSize(1);
    }

    @Test
    void the_answer_is_never_older_than_asked_even_when_the_projection_is_behind() {
        String orderId = QueryApiHarness.newId("o");
        placeAndAdd(orderId);
        harness.project();
        harness.append(List.of(new OrderConfirmed(orderId, 1_250, T.plusSeconds(60))));

        QueryApiHarness.Response stale = harness.get("/orders/" + orderId);
        QueryApiHarness.Response fresh = harness.get("/orders/" + orderId, Map.of("minVersion", "3"));

        assertThat(stale.body().get("version").asLong())
                .as("no requirement: the projection as it is")
                .isEqualTo(2);
        assertThat(fresh.header("X-Read-Source")).isEqualTo("events");
        assertThat(fresh.body().get("version").asLong()).isEqualTo(3);
        assertThat(fresh.body().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(harness.sleeps.stream().reduce(Duration.ZERO, Duration::plus))
                .as("default maxWaitMs")
                .isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void a_version_the_order_never_reached_is_a_412_naming_where_it_is() {
        String orderId = QueryApiHarness.newId("o");
        placeAndAdd(orderId);

        QueryApiHarness.Response response =
                harness.get("/orders/" + orderId, Map.of("minVersion", "9", "maxWaitMs", "0"));
        QueryApiHarness.Response farBeyond = harness.get(
                "/orders/" + orderId,
                Map.of(),
                Map.of(
                        ConsistencyToken.HEADER,
                        harness.tokens.sign(new ConsistencyToken("Order-" + orderId, ConsistencyToken.MAX_VERSION))));

        for (QueryApiHarness.Response refused : List.of(response, farBeyond)) {
            assertThat(refused.status()).isEqualTo(412);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(refused.body().get("type").asText()).endsWith("/precondition-failed");
            assertThat(refused.body().get("currentVersion").asLong()).isEqualTo(2);
            assertThat(refused.header("ETag")).isEqualTo("\"2\"");
        }
        assertThat(response.body().get("requiredVersion").asLong()).isEqualTo(9);
        assertThat(farBeyond.body().get("requiredVersion").asLong()).isEqualTo(ConsistencyToken.MAX_VERSION);
    }

    @Test
    void a_token_of_another_stream_is_400_and_costs_no_read() {
        String orderId = QueryApiHarness.newId("o");
        placeAndAdd(orderId);
        String otherOrders = placeAndAdd(QueryApiHarness.newId("o"));

        QueryApiHarness.Response response =
                harness.get("/orders/" + orderId, Map.of(), Map.of(ConsistencyToken.HEADER, otherOrders));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("header").asText()).isEqualTo(ConsistencyToken.HEADER);
        assertThat(response.body().get("detail").asText()).contains("another resource");
        assertThat(response.header("X-Read-Source")).isNull();
    }

    @Test
    void a_forged_or_raised_token_is_400_before_any_wait() {
        String orderId = QueryApiHarness.newId("o");
        String token = placeAndAdd(orderId);
        String raised = token.replace("@2.", "@900.");
        String unsigned = "Order-" + orderId + "@900.local.AAAAAAAAAAAAAAAAAAAAAA";

        for (String forged : List.of(raised, unsigned)) {
            QueryApiHarness.Response response = harness.get(
                    "/orders/" + orderId, Map.of("maxWaitMs", "5000"), Map.of(ConsistencyToken.HEADER, forged));

            assertThat(response.status()).as(forged).isEqualTo(400);
            assertThat(response.body().get("type").asText()).endsWith("/invalid-header");
            assertThat(response.body().get("detail").asText()).contains("not issued by this API");
        }
    }

    @Test
    void an_order_not_yet_projected_is_found_in_its_events_and_an_unknown_one_is_404() {
        String orderId = QueryApiHarness.newId("o");
        placeAndAdd(orderId);

        assertThat(harness.get("/orders/" + orderId).header("X-Read-Source")).isEqualTo("events");
        QueryApiHarness.Response unknown = harness.get("/orders/" + QueryApiHarness.newId("nobody"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void if_none_match_with_the_current_version_is_a_304() {
        String orderId = QueryApiHarness.newId("o");
        placeAndAdd(orderId);
        harness.project();

        QueryApiHarness.Response response =
                harness.get("/orders/" + orderId, Map.of(), Map.of("If-None-Match", "\"2\""));
        QueryApiHarness.Response outdated =
                harness.get("/orders/" + orderId, Map.of(), Map.of("If-None-Match", "\"1\""));

        assertThat(response.status()).isEqualTo(304);
        assertThat(response.rawBody()).isNull();
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        assertThat(response.header("X-Read-Source")).isEqualTo("projection");
        assertThat(outdated.status()).isEqualTo(200);
        assertThat(harness.metricLines)
                .anySatisfy(line -> assertThat(line).contains("\"ReadSource\":\"projection\"", "\"Reads\""));
    }
}
