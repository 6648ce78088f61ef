package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes on {@code GET /customers/{id}/orders}: the orders the caller's consistency tokens
 * name are never missing from the list nor older than the token, whether the projector has caught up
 * or not; everything else is the projection as it is.
 */
@WithEmulator
class ListReadYourWritesTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    private final QueryApiHarness harness;
    private final String customer = QueryApiHarness.newId("c");

    ListReadYourWritesTest(Emulator emulator) {
        this.harness = new QueryApiHarness(emulator);
    }

    /** Places an order for {@code customerId} at {@code T + seconds}; returns its token (version 1). */
    private String place(String orderId, String customerId, int seconds) {
        harness.append(List.of(new OrderPlaced(
                orderId, customerId, "EUR", List.of(new OrderLine("A", 1, 500)), T.plusSeconds(seconds))));
        return token(orderId, 1);
    }

    private String token(String orderId, long version) {
        return harness.tokens.sign(new ConsistencyToken("Order-" + orderId, version));
    }

    private QueryApiHarness.Response list(Map<String, String> query, Map<String, String> headers) {
        QueryApiHarness.Response response = harness.get("/customers/" + customer + "/orders", query, headers);
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        return response;
    }

    private static List<String> orderIds(QueryApiHarness.Response response) {
        List<String> ids = new ArrayList<>();
        response.body()
                .get("orders")
                .forEach(order -> ids.add(order.get("orderId").asText()));
        return ids;
    }

    @Test
    void an_order_placed_a_moment_ago_is_on_the_list_when_its_token_is_sent() {
        String older = QueryApiHarness.newId("o");
        place(older, customer, 0);
        harness.project();
        String placed = QueryApiHarness.newId("o");
        String token = place(placed, customer, 10);

        QueryApiHarness.Response withoutToken = list(Map.of(), Map.of());
        QueryApiHarness.Response withToken = list(Map.of(), Map.of(ConsistencyToken.HEADER, token));

        assertThat(orderIds(withoutToken)).containsExactly(older);
        assertThat(withoutToken.header("X-Read-Source")).isEqualTo("projection");
        assertThat(orderIds(withToken)).containsExactly(placed, older);
        assertThat(withToken.header("X-Read-Source")).isEqualTo("merged");
        JsonNode merged = withToken.body().at("/orders/0");
        assertThat(merged.get("version").asLong()).isEqualTo(1);
        assertThat(merged.get("status").asText()).isEqualTo("PLACED");
        assertThat(merged.get("total").asLong()).isEqualTo(500);
        assertThat(withToken.header("ETag")).isNotEqualTo(withoutToken.header("ETag"));
    }

    @Test
    void an_order_changed_a_moment_ago_is_shown_at_the_tokens_version_not_the_projections() {
        String orderId = QueryApiHarness.newId("o");
        place(orderId, customer, 0);
        harness.project();
        harness.append(List.of(new OrderConfirmed(orderId, 500, T.plusSeconds(30))));

        QueryApiHarness.Response stale = list(Map.of(), Map.of());
        QueryApiHarness.Response fresh = list(Map.of("consistencyToken", token(orderId, 2)), Map.of());

        assertThat(stale.body().at("/orders/0/version").asLong()).isEqualTo(1);
        assertThat(fresh.body().get("orders")).hasSize(1);
        assertThat(fresh.body().at("/orders/0/version").asLong()).isEqualTo(2);
        assertThat(fresh.body().at("/orders/0/status").asText()).isEqualTo("CONFIRMED");
        assertThat(fresh.header("X-Read-Source")).isEqualTo("merged");
    }

    @Test
    void a_token_the_projection_already_meets_leaves_the_list_as_projected() {
        String orderId = QueryApiHarness.newId("o");
        String token = place(orderId, customer, 0);
        harness.project();

        QueryApiHarness.Response response = list(Map.of(), Map.of(ConsistencyToken.HEADER, token));

        assertThat(orderIds(response)).containsExactly(orderId);
        assertThat(response.header("X-Read-Source")).isEqualTo("projection");
    }

    @Test
    void tokens_of_another_customers_order_or_of_another_kind_of_stream_add_nothing() {
        String mine = QueryApiHarness.newId("o");
        place(mine, customer, 0);
        harness.project();
        String theirs = QueryApiHarness.newId("o");
        String theirToken = place(theirs, QueryApiHarness.newId("c"), 5);

        QueryApiHarness.Response response = list(
                Map.of(),
                Map.of(
                        ConsistencyToken.HEADER,
                        theirToken + ", " + harness.tokens.sign(new ConsistencyToken("Account-acc-1", 3))));

        assertThat(orderIds(response)).containsExactly(mine);
        assertThat(response.header("X-Read-Source")).isEqualTo("projection");
    }

    @Test
    void a_merged_order_keeps_the_page_size_and_what_it_pushes_off_starts_the_next_page() {
        String older = QueryApiHarness.newId("o");
        place(older, customer, 0);
        harness.project();
        String placed = QueryApiHarness.newId("o");
        String token = place(placed, customer, 10);

        QueryApiHarness.Response first = list(Map.of("limit", "1"), Map.of(ConsistencyToken.HEADER, token));
        String cursor = first.body().get("nextCursor").asText();
        QueryApiHarness.Response second =
                list(Map.of("limit", "1", "cursor", cursor), Map.of(ConsistencyToken.HEADER, token));

        assertThat(orderIds(first)).containsExactly(placed);
        assertThat(orderIds(second)).containsExactly(older);
        assertThat(second.body().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void a_token_of_a_version_never_written_is_a_412_and_more_than_ten_tokens_a_400() {
        String orderId = QueryApiHarness.newId("o");
        place(orderId, customer, 0);

        QueryApiHarness.Response beyond = harness.get(
                "/customers/" + customer + "/orders", Map.of(), Map.of(ConsistencyToken.HEADER, token(orderId, 7)));
        String eleven = String.join(
                ",",
                IntStream.range(0, 11)
                        .mapToObj(i -> token(QueryApiHarness.newId("o"), 1))
                        .toList());
        QueryApiHarness.Response tooMany =
                harness.get("/customers/" + customer + "/orders", Map.of(), Map.of(ConsistencyToken.HEADER, eleven));

        assertThat(beyond.status()).isEqualTo(412);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.rawBody()).contains("at most 10");
    }
}
