package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeliverOrderTest {

    @Test
    void deliver_records_order_delivered_when_order_is_shipped() {
        OrderState state = given(shippedHistory()).when(deliver()).then(new OrderDelivered(ORDER, T5));

        assertThat(state.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(state.updatedAt()).isEqualTo(T5);
    }

    @ParameterizedTest
    @MethodSource("notShipped")
    void deliver_is_rejected_when_order_is_not_shipped(OrderEvent[] history) {
        given(history).when(deliver()).thenRejectedWith(OrderRule.ORDER_NOT_SHIPPED);
    }

    static Stream<Named<OrderEvent[]>> notShipped() {
        return Histories.of(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.PAID);
    }

    @Test
    void deliver_is_ignored_when_order_is_already_delivered() {
        given(deliveredHistory()).when(deliver()).then();
    }

    @Test
    void deliver_is_rejected_when_order_is_cancelled() {
        given(cancelledHistory()).when(deliver()).thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }

    @Test
    void deliver_is_rejected_when_order_does_not_exist() {
        given().when(deliver()).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
