package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShipOrderTest {

    @Test
    void ship_records_order_shipped_when_order_is_paid() {
        OrderState state = given(paidHistory()).when(ship()).then(new OrderShipped(ORDER, CARRIER, TRACKING, T4));

        assertThat(state.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(state.carrier()).isEqualTo(CARRIER);
        assertThat(state.trackingNumber()).isEqualTo(TRACKING);
    }

    @ParameterizedTest
    @MethodSource("unpaid")
    void ship_is_rejected_when_order_is_not_paid(OrderEvent[] history) {
        given(history).when(ship()).thenRejectedWith(OrderRule.ORDER_NOT_PAID);
    }

    static Stream<Named<OrderEvent[]>> unpaid() {
        return Histories.of(OrderStatus.PLACED, OrderStatus.CONFIRMED);
    }

    @ParameterizedTest
    @MethodSource("shippedOrLater")
    void ship_is_ignored_when_already_shipped_with_the_same_carrier_and_tracking(OrderEvent[] history) {
        given(history).when(ship()).then();
    }

    @ParameterizedTest
    @MethodSource("shippedOrLater")
    void ship_is_rejected_when_already_shipped_with_another_tracking_number(OrderEvent[] history) {
        given(history).when(ship(CARRIER, "JD0002")).thenRejectedWith(OrderRule.ORDER_ALREADY_SHIPPED);
    }

    @ParameterizedTest
    @MethodSource("shippedOrLater")
    void ship_is_rejected_when_already_shipped_with_another_carrier(OrderEvent[] history) {
        given(history).when(ship("UPS", TRACKING)).thenRejectedWith(OrderRule.ORDER_ALREADY_SHIPPED);
    }

    static Stream<Named<OrderEvent[]>> shippedOrLater() {
        return Histories.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void ship_is_rejected_when_order_is_cancelled() {
        given(placedWithWidgetsAndGadget(), confirmed(), paid(), cancelled())
                .when(ship())
                .thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }

    @Test
    void ship_is_rejected_when_order_does_not_exist() {
        given().when(ship()).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
