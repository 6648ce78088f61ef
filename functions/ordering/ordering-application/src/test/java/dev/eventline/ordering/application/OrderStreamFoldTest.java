package dev.eventline.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.OrderStatus;
import dev.eventline.schemas.tools.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An order whose whole history was stored at v1 (decimal prices, items without price, trackingCode) still
 * loads: decoding upcasts each event and the decider folds them into today's state.
 */
class OrderStreamFoldTest {

    private static final EventMetadata METADATA =
            new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "tester", Instant.parse("2025-03-01T09:00:00Z"));
    private static final Path STREAM =
            RepositoryRoot.find().resolve("events-samples/streams/ordering/shipped-order-v1.json");

    @Test
    void a_stream_stored_entirely_at_v1_decodes_and_folds_to_the_expected_state() throws IOException {
        StreamFold<OrderEvent, OrderState> fold = new StreamFold<>(new OrderEventCodec(), OrderDecider.INSTANCE);

        OrderState state =
                fold.fold(fold.initial("Order-ord-1001"), storedStream()).state();

        Instant placedAt = Instant.parse("2025-03-01T09:00:00Z");
        Instant shippedAt = Instant.parse("2025-03-02T15:00:00Z");
        assertThat(state)
                .isEqualTo(new OrderState(
                        OrderStatus.SHIPPED,
                        "ord-1001",
                        "cust-42",
                        "EUR",
                        // SKU-MUG: "19.99" became 1999, and the v1 ItemAdded merged into it at the line's price;
                        // SKU-SPOON: added at v1 without a price, so at the documented unknown price 0
                        List.of(new OrderLine("SKU-MUG", 3, 1999), new OrderLine("SKU-SPOON", 3, 0)),
                        5997,
                        "DHL",
                        "JD014600003828371234",
                        null,
                        placedAt,
                        shippedAt));
        assertThat(state.total()).isEqualTo(5997);
    }

    @Test
    void the_fixture_is_really_stored_at_v1() throws IOException {
        assertThat(storedStream()).extracting(RecordedEvent::schemaVersion).containsOnly(1);
    }

    private static List<RecordedEvent> storedStream() throws IOException {
        List<RecordedEvent> recorded = new ArrayList<>();
        for (JsonNode event : new ObjectMapper().readTree(Files.readString(STREAM))) {
            // metadata plays no part in folding; the business times are in the payloads
            recorded.add(new RecordedEvent(
                    event.get("streamId").asText(),
                    event.get("version").asLong(),
                    event.get("eventId").asText(),
                    event.get("type").asText(),
                    event.get("schemaVersion").asInt(),
                    event.get("data").toString(),
                    METADATA,
                    METADATA.occurredAt()));
        }
        return recorded;
    }
}
