package dev.eventline.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.testsupport.Samples;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderShippedMessagesTest {
    private final OrderShippedMessages messages = new OrderShippedMessages();

    @Test
    void read_takes_the_shipment_from_the_cloud_event_inside_the_event_bridge_envelope() {
        ShippedOrder shipped = messages.read(Samples.text("eventbridge/order-shipped.json"));

        assertThat(shipped)
                .isEqualTo(new ShippedOrder(
                        "0b6a5a52-8f5e-4d3c-9d57-5b1f0c2f7e41",
                        "7f0c2d9e",
                        "DHL",
                        "JD014600003828391234",
                        "c0ffee00-1234-4abc-8def-0123456789ab",
                        Instant.parse("2026-03-01T10:15:30Z"),
                        "cmd-ship-7f0c2d9e",
                        "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01"));
    }

    @Test
    void read_refuses_a_body_that_is_not_json() {
        assertThatThrownBy(() -> messages.read("{\"version\":\"0\","))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void read_refuses_a_detail_that_is_not_a_cloud_event() {
        assertThatThrownBy(() -> messages.read("{\"detail\":{\"orderId\":\"o-1\"}}"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("CloudEvents");
    }
}
