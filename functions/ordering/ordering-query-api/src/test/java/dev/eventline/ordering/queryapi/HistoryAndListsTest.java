package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.ItemRemoved;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithEmulator
class HistoryAndListsTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    private final QueryApiHarness harness;

    HistoryAndListsTest(Emulator emulator) {
        this.harness = new QueryApiHarness(emulator);
    }

    private List<RecordedEvent> fiveEvents(String orderId) {
        return harness.append(List.of(
                new OrderPlaced(orderId, "c-1", "EUR", List.of(new OrderLine("A", 1, 100)), T),
                new ItemAdded(orderId, "B", 2, 50, T.plusSeconds(1)),
                new ItemRemoved(orderId, "A", T.plusSeconds(2)),
                new OrderConfirmed(orderId, 100, T.plusSeconds(3)),
                new PaymentCaptured(orderId, 100, "EUR", T.plusSeconds(4))));
    }

    @Test
    void as_of_a_version_shows_the_order_as_it_was_then_for_good() {
        String orderId = QueryApiHarness.newId("o");
        fiveEvents(orderId);

        QueryApiHarness.Response first = harness.get("/orders/" + orderId, Map.of("asOf", "1"));
        QueryApiHarness.Response third = harness.get("/orders/" + orderId, Map.of("asOf", "3"));
        QueryApiHarness.Response beyond = harness.get("/orders/" + orderId, Map.of("asOf", "6"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-Read-Source")).isEqualTo("events");
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        assertThat(first.header("Cache-Control")).contains("immutable");
        assertThat(first.body().get("status").asText()).isEqualTo("PLACED");
        assertThat(first.body().get("lines")).hasSize(1);
        assertThat(third.body().get("lines"))
                .singleElement()
                .satisfies(line -> assertThat(line.get("sku").asText()).isEqualTo("B"));
        assertThat(third.body().get("version").asLong()).isEqualTo(3);
        assertThat(beyond.status()).isEqualTo(404);
        assertThat(beyond.body().get("detail").asText()).contains("latest is 5");
    }

    @Test
    void as_of_an_instant_shows_the_last_version_recorded_by_then() {
        String orderId = QueryApiHarness.newId("o");
        List<RecordedEvent> events = fiveEvents(orderId);
        Instant thirdRecorded = events.get(2).recordedAt();

        QueryApiHarness.Response atThird = harness.get("/orders/" + orderId, Map.of("asOf", thirdRecorded.toString()));
        QueryApiHarness.Response justBefore = harness.get(
                "/orders/" + orderId,
                Map.of("asOf", thirdRecorded.minusMillis(1).toString()));
        QueryApiHarness.Response withOffset = harness.get(
                "/orders/" + orderId,
                Map.of(
                        "asOf",
                        thirdRecorded.atOffset(java.time.ZoneOffset.ofHours(2)).toString()));
        QueryApiHarness.Response beforeItExisted = harness.get(
                "/orders/" + orderId,
                Map.of("asOf", events.getFirst().recordedAt().minusSeconds(1).toString()));

        assertThat(atThird.body().get("version").asLong()).isEqualTo(3);
        assertThat(justBefore.body().get("version").asLong()).isEqualTo(2);
        assertThat(withOffset.body().get("version").asLong()).isEqualTo(3);
        assertThat(atThird.header("X-Read-Source")).isEqualTo("events");
        assertThat(beforeItExisted.status()).isEqualTo(404);
    }

    @Test
    void as_of_reads_every_rfc_3339_instant_as_the_document_promises() {
        String orderId = QueryApiHarness.newId("o");
        Instant third = fiveEvents(orderId).get(2).recordedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.format.DateTimeFormatter seconds =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
        String utc = seconds.format(third.atOffset(java.time.ZoneOffset.UTC));
        // what java.time's OffsetDateTime does not read: an offset beyond 18 hours, lower case, more than nine digits
        String farOffset = seconds.format(
                        third.atOffset(java.time.ZoneOffset.UTC).minusHours(20).minusMinutes(2)) + "-20:02";
        String minuteOfThird = utc.substring(0, utc.length() - 3);

        for (String sameInstant : List.of(utc + "Z", farOffset, utc.replace('T', 't') + "z", utc + ".000000000999Z")) {
            QueryApiHarness.Response response = harness.get("/orders/" + orderId, Map.of("asOf", sameInstant));
            assertThat(response.status()).as(sameInstant).isEqualTo(200);
            assertThat(response.body().get("version").asLong())
                    .as(sameInstant)
                    .isLessThanOrEqualTo(3)
                    .isEqualTo(harness.get("/orders/" + orderId, Map.of("asOf", utc + "Z"))
                            .body()
                            .get("version")
                            .asLong());
        }
        assertThat(harness.get("/orders/" + orderId, Map.of("asOf", minuteOfThird + ":60Z"))
                        .body()
                        .get("version")
                        .asLong())
                .as("a leap second ends its minute")
                .isEqualTo(harness.get("/orders/" + orderId, Map.of("asOf", minuteOfThird + ":59.999999999Z"))
                        .body()
                        .get("version")
                        .asLong());
        for (String invalid :
                List.of(utc + "+24:00", utc + "+01:60", minuteOfThird + ":61Z", utc, utc + "Z" + "0".repeat(60))) {
            assertThat(harness.get("/orders/" + orderId, Map.of("asOf", invalid))
                            .body()
                            .get("field")
                            .asText())
                    .as(invalid)
                    .isEqualTo("asOf");
        }
    }

    @Test
    void the_audit_trail_pages_through_every_event_with_its_metadata() {
        String orderId = QueryApiHarness.newId("o");
        List<RecordedEvent> appended = fiveEvents(orderId);

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            QueryApiHarness.Response page = harness.get(
                    "/orders/" + orderId + "/events",
                    cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("ETag")).isNotBlank();
            page.body().get("events").forEach(seen::add);
            cursor = page.body().get("nextCursor").isNull()
                    ? null
                    : page.body().get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(e -> e.get("version").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode placed = seen.getFirst();
        RecordedEvent first = appended.getFirst();
        assertThat(placed.get("type").asText()).isEqualTo("OrderPlaced");
        assertThat(placed.get("eventId").asText()).isEqualTo(first.eventId());
        assertThat(placed.get("schemaVersion").asInt()).isEqualTo(first.schemaVersion());
        assertThat(placed.at("/data/customerId").asText())
                .as("data is JSON, not a string")
                .isEqualTo("c-1");
        assertThat(placed.at("/metadata/correlationId").asText())
                .isEqualTo(first.metadata().correlationId());
        assertThat(placed.at("/metadata/causationId").asText())
                .isEqualTo(first.metadata().causationId());
        assertThat(placed.get("recordedAt").asText())
                .isEqualTo(first.recordedAt().toString());
        assertThat(harness.get("/orders/" + QueryApiHarness.newId("none") + "/events")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_customer_s_orders_come_newest_first_page_by_page() {
        String customer = QueryApiHarness.newId("c");
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String orderId = QueryApiHarness.newId("o" + i);
            orderIds.add(orderId);
            harness.append(List.of(new OrderPlaced(
                    orderId, customer, "EUR", List.of(new OrderLine("A", i + 1, 100)), T.plusSeconds(i * 60L))));
        }
        harness.project();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            QueryApiHarness.Response page = harness.get(
                    "/customers/" + customer + "/orders",
                    cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("X-Read-Source")).isEqualTo("projection");
            page.body().get("orders").forEach(o -> seen.add(o.get("orderId").asText()));
            cursor = page.body().get("nextCursor").isNull()
                    ? null
                    : page.body().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(orderIds.reversed());
        QueryApiHarness.Response first = harness.get("/customers/" + customer + "/orders", Map.of("limit", "1"));
        assertThat(first.body().at("/orders/0/total").asLong()).isEqualTo(500);
        assertThat(first.body().at("/orders/0/status").asText()).isEqualTo("PLACED");
        assertThat(harness.get("/customers/" + QueryApiHarness.newId("nobody") + "/orders")
                        .body()
                        .get("orders"))
                .isEmpty();
    }

    @Test
    void lists_answer_304_to_their_own_etag() {
        String orderId = QueryApiHarness.newId("o");
        fiveEvents(orderId);
        harness.project();

        QueryApiHarness.Response events = harness.get("/orders/" + orderId + "/events");
        QueryApiHarness.Response customer = harness.get("/customers/c-1/orders", Map.of("limit", "5"));

        assertThat(harness.get(
                                "/orders/" + orderId + "/events",
                                Map.of(),
                                Map.of("If-None-Match", events.header("ETag")))
                        .status())
                .isEqualTo(304);
        assertThat(harness.get(
                                "/customers/c-1/orders",
                                Map.of("limit", "5"),
                                Map.of("If-None-Match", "W/" + customer.header("ETag")))
                        .status())
                .isEqualTo(304);
        assertThat(harness.get(
                                "/orders/" + orderId + "/events",
                                Map.of("limit", "2"),
                                Map.of("If-None-Match", events.header("ETag")))
                        .status())
                .as("another page, another tag")
                .isEqualTo(200);
    }
}
