package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CancelOrderTest {

    @ParameterizedTest
    @MethodSource("beforeShipping")
    void cancel_records_order_cancelled_before_shipping(OrderEvent[] history) {
        OrderState state = given(history).when(cancel()).then(cancelled());

        assertThat(state.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(state.cancellationReason()).isEqualTo("customer changed mind");
    }

    static Stream<Named<OrderEvent[]>> beforeShipping() {
        return Histories.of(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.PAID);
    }

    @ParameterizedTest
    @MethodSource("shippedOrLater")
    void cancel_is_rejected_when_order_has_shipped(OrderEvent[] history) {
        given(history).when(cancel()).thenRejectedWith(OrderRule.ORDER_ALREADY_SHIPPED);
    }

    static Stream<Named<OrderEvent[]>> shippedOrLater() {
        return Histories.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void cancel_is_ignored_when_order_is_already_cancelled() {
        given(cancelledHistory()).when(cancel()).then();
    }

    @Test
    void cancel_is_ignored_when_already_cancelled_for_another_reason() {
        given(cancelledHistory())
                .when(new CancelOrder(ORDER, "duplicate order", T5))
                .then();
    }

    @Test
    void cancel_is_rejected_when_order_does_not_exist() {
        given().when(cancel()).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
