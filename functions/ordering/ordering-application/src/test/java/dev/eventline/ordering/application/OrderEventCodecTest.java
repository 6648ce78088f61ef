package dev.eventline.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.eventline.schemas.InvalidEventException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderEventCodecTest {

    static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final EventMetadata METADATA = new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "tester", T0);

    private final OrderEventCodec codec = new OrderEventCodec();

    static Stream<OrderEvent> everyEventType() {
        return Stream.of(
                new OrderPlaced(
                        "ord-1",
                        "cust-1",
                        "EUR",
                        List.of(new OrderLine("SKU-1", 2, 1999), new OrderLine("SKU-2", 1, 0)),
                        T0),
                new OrderPlaced("ord-1", "cust-1", "EUR", List.of(), T0.plusNanos(123_456_789)),
                new ItemAdded("ord-1", "SKU-3", 3, 250, T0),
                new ItemRemoved("ord-1", "SKU-1", T0),
                new OrderConfirmed("ord-1", 4498, T0),
                new PaymentCaptured("ord-1", 4498, "EUR", T0),
                new OrderShipped("ord-1", "DHL", "JD01", T0),
                new OrderDelivered("ord-1", T0),
                new OrderCancelled("ord-1", "changed my mind", T0));
    }

    static RecordedEvent stored(String type, int schemaVersion, String data) {
        return new RecordedEvent("Order-ord-1", 3, "evt-3", type, schemaVersion, data, METADATA, T0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void every_event_round_trips_through_its_stored_form(OrderEvent event) {
        EncodedEvent encoded = codec.encode(event);

        assertThat(codec.decode(stored(encoded.type(), encoded.schemaVersion(), encoded.data())))
                .isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void encode_names_the_type_by_simple_class_name_at_its_current_schema_version(OrderEvent event) {
        EncodedEvent encoded = codec.encode(event);

        assertThat(encoded.type()).isEqualTo(event.getClass().getSimpleName());
        assertThat(encoded.schemaVersion())
                .isEqualTo(
                        switch (encoded.type()) {
                            case "OrderPlaced" -> 3;
                            case "ItemAdded", "OrderShipped" -> 2;
                            default -> 1;
                        });
    }

    @Test
    void encode_writes_the_documented_shape_with_minor_units_and_iso_instants() {
        EncodedEvent encoded = codec.encode(new OrderPlaced(
                "ord-1",
                "cust-1",
                "EUR",
                List.of(new OrderLine("SKU-1", 2, 1999)),
                Instant.parse("2025-03-01T09:00:00.250Z")));

        assertThat(EventJson.parseObject(encoded.data())).isEqualTo(EventJson.parseObject("""
                {"orderId": "ord-1", "customerId": "cust-1", "currency": "EUR",
                 "lines": [{"sku": "SKU-1", "quantity": 2, "unitPrice": 1999}], "placedAt": "2025-03-01T09:00:00.250Z"}
                """));
    }

    @Test
    void encode_refuses_an_event_its_schema_refuses_before_anything_is_appended() {
        OrderPlaced lowerCaseCurrency = new OrderPlaced("ord-1", "cust-1", "eur", List.of(), T0);
        OrderShipped unsafeStreamId = new OrderShipped("ord/1", "DHL", "JD01", T0);

        assertThatThrownBy(() -> codec.encode(lowerCaseCurrency))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("OrderPlaced v3")
                .hasMessageContaining("currency");
        assertThatThrownBy(() -> codec.encode(unsafeStreamId))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("orderId");
    }

    @Test
    void to_json_is_the_payload_read_models_can_use() {
        JsonNode json = OrderEventCodec.toJson(new OrderShipped("ord-1", "DHL", "JD01", T0));

        assertThat(json.get("trackingNumber").asText()).isEqualTo("JD01");
        assertThat(json.get("shippedAt").asText()).isEqualTo("2025-03-01T09:00:00Z");
    }

    @Test
    void decode_of_an_unknown_type_names_the_stream_position_and_type() {
        assertThatThrownBy(() -> codec.decode(stored("OrderTeleported", 1, "{\"orderId\":\"ord-1\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot decode event Order-ord-1@3 (OrderTeleported v1)")
                .hasMessageContaining("unknown event type 'OrderTeleported'");
    }

    @Test
    void decode_of_malformed_json_names_the_stream_position_and_type() {
        assertThatThrownBy(() -> codec.decode(stored("OrderDelivered", 1, "{\"orderId\":")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot decode event Order-ord-1@3 (OrderDelivered v1)")
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void decode_of_a_payload_missing_a_field_names_the_field() {
        assertThatThrownBy(() -> codec.decode(stored("OrderDelivered", 1, "{\"orderId\":\"ord-1\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Order-ord-1@3 (OrderDelivered v1)")
                .hasMessageContaining("field 'deliveredAt' must be a string, was missing");
    }

    @Test
    void decode_of_a_version_newer_than_this_reader_is_refused_not_guessed() {
        assertThatThrownBy(() -> codec.decode(stored("OrderShipped", 3, "{\"orderId\":\"ord-1\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(OrderShipped v3)")
                .hasMessageContaining("needs this reader deployed first");
    }

    @Test
    void decode_of_an_old_payload_its_upcaster_refuses_is_refused() {
        String lossyPrice = """
                {"orderId":"ord-1","customerId":"c","currency":"EUR","lines":[{"sku":"S","quantity":1,"price":"1.999"}],
                 "placedAt":"2025-03-01T09:00:00Z"}""";

        assertThatThrownBy(() -> codec.decode(stored("OrderPlaced", 1, lossyPrice)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(OrderPlaced v1)")
                .hasMessageContaining("does not convert exactly to EUR minor units");
    }
}
