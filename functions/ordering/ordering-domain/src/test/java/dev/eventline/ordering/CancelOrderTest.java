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
    void cancel_recordsOrderCancelled_beforeShipping(OrderEvent[] history) {
        OrderState state = given(history).when(cancel()).then(cancelled());

        assertThat(state.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(state.cancellationReason()).isEqualTo("customer changed mind");
    }

    static Stream<Named<OrderEvent[]>> beforeShipping() {
        return Histories.of(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.PAID);
    }

    @ParameterizedTest
    @MethodSource("shippedOrLater")
    void cancel_isRejected_whenOrderHasShipped(OrderEvent[] history) {
        given(history).when(cancel()).thenRejectedWith(OrderRule.ORDER_ALREADY_SHIPPED);
    }

    static Stream<Named<OrderEvent[]>> shippedOrLater() {
        return Histories.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void cancel_isIgnored_whenOrderIsAlreadyCancelled() {
        given(cancelledHistory()).when(cancel()).then();
    }

    @Test
    void cancel_isIgnored_whenAlreadyCancelledForAnotherReason() {
        given(cancelledHistory()).when(new CancelOrder(ORDER, "duplicate order", T5)).then();
    }

    @Test
    void cancel_isRejected_whenOrderDoesNotExist() {
        given().when(cancel()).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
