package dev.eventline.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.ItemRemoved;
import dev.eventline.ordering.OrderCancelled;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderDelivered;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.OrderShipped;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.tools.RepositoryRoot;
import dev.eventline.schemas.tools.SchemaSamples;
import dev.eventline.schemas.tools.SchemaSamples.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden samples of events-samples/schemas/ordering: every payload ever stored, old versions included,
 * decodes to the domain event it means; a current-version payload is exactly what encoding writes.
 */
class OrderEventSamplesTest {

    private static final OrderEventCodec CODEC = new OrderEventCodec();
    private static final EventMetadata METADATA =
            new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "tester", Instant.parse("2025-03-01T09:00:00Z"));

    private static final OrderPlaced ORD_1001_PLACED = new OrderPlaced(
            "ord-1001",
            "cust-42",
            "EUR",
            List.of(new OrderLine("SKU-MUG", 2, 1999), new OrderLine("SKU-TEA", 1, 500)),
            at("2025-03-01T09:00:00Z"));
    private static final OrderShipped ORD_1001_SHIPPED =
            new OrderShipped("ord-1001", "DHL", "JD014600003828371234", at("2025-03-02T15:00:00Z"));

    /** What each sample means. A sample without an entry here fails the build, so new ones get an expectation. */
    private static final Map<String, OrderEvent> EXPECTED = Map.ofEntries(
            Map.entry("OrderPlaced/v1", ORD_1001_PLACED),
            Map.entry(
                    "OrderPlaced/v1.jpy",
                    new OrderPlaced(
                            "ord-2002",
                            "cust-7",
                            "JPY",
                            List.of(new OrderLine("SKU-MATCHA", 3, 1500)),
                            at("2025-03-02T01:30:00Z"))),
            Map.entry(
                    "OrderPlaced/v1.kwd",
                    new OrderPlaced(
                            "ord-3003",
                            "cust-9",
                            "KWD",
                            List.of(new OrderLine("SKU-DATES", 1, 2125), new OrderLine("SKU-CUP", 4, 500)),
                            at("2025-03-03T12:00:00.250Z"))),
            Map.entry("OrderPlaced/v2", ORD_1001_PLACED),
            // the contact is carried sealed: the codec neither opens nor checks it beyond its shape
            Map.entry(
                    "OrderPlaced/v3",
                    new OrderPlaced(
                            "ord-1001",
                            "cust-42",
                            "EUR",
                            List.of(new OrderLine("SKU-MUG", 2, 1999), new OrderLine("SKU-TEA", 1, 500)),
                            at("2025-03-01T09:00:00Z"),
                            "pii1.Y3VzdC00Mg.5f0c7a8e-2b1d-4c3e-9a6f-0d1e2f3a4b5c."
                                    + "AAECAwQFBgcICQoLc2VhbGVkLWNvbnRhY3QtY2lwaGVydGV4dC1hbmQtdGFn")),
            // v1 had no price: the documented default, 0, "unknown at the time"
            Map.entry("ItemAdded/v1", new ItemAdded("ord-1001", "SKU-SPOON", 3, 0, at("2025-03-01T09:05:00Z"))),
            Map.entry("ItemAdded/v2", new ItemAdded("ord-1001", "SKU-SPOON", 3, 250, at("2025-03-01T09:05:00Z"))),
            Map.entry("ItemRemoved/v1", new ItemRemoved("ord-1001", "SKU-TEA", at("2025-03-01T09:06:00Z"))),
            Map.entry("OrderConfirmed/v1", new OrderConfirmed("ord-1001", 4748, at("2025-03-01T09:10:00Z"))),
            Map.entry("PaymentCaptured/v1", new PaymentCaptured("ord-1001", 4748, "EUR", at("2025-03-01T09:12:00Z"))),
            Map.entry("OrderShipped/v1", ORD_1001_SHIPPED),
            Map.entry("OrderShipped/v2", ORD_1001_SHIPPED),
            Map.entry("OrderDelivered/v1", new OrderDelivered("ord-1001", at("2025-03-04T10:30:00Z"))),
            Map.entry(
                    "OrderCancelled/v1",
                    new OrderCancelled("ord-4004", "customer changed their mind", at("2025-03-01T11:00:00Z"))));

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    static Stream<Sample> samples() {
        return SchemaSamples.of(RepositoryRoot.find(), "ordering").stream();
    }

    static Stream<Sample> currentVersionSamples() {
        return samples()
                .filter(sample -> sample.version()
                        == CODEC.encode(EXPECTED.get(sample.name())).schemaVersion());
    }

    private static RecordedEvent stored(Sample sample) {
        return new RecordedEvent(
                "Order-" + sample.payload().get("orderId").asText(),
                1,
                "evt-1",
                sample.type(),
                sample.version(),
                sample.payload().toString(),
                METADATA,
                METADATA.occurredAt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void every_sample_decodes_to_the_event_it_means(Sample sample) {
        assertThat(CODEC.decode(stored(sample))).isEqualTo(EXPECTED.get(sample.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentVersionSamples")
    void every_current_version_sample_is_exactly_what_encoding_writes(Sample sample) {
        EncodedEvent encoded = CODEC.encode(CODEC.decode(stored(sample)));

        assertThat(EventJson.parseObject(encoded.data())).isEqualTo(sample.payload());
    }

    @Test
    void every_sample_has_an_expectation_and_every_expectation_a_sample() {
        assertThat(samples().map(Sample::name)).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
}
