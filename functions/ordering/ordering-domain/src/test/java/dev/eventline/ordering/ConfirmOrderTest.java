package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfirmOrderTest {

    @Test
    void confirm_recordsOrderConfirmed_carryingTheTotal() {
        OrderState state = given(placedHistory()).when(confirm()).then(new OrderConfirmed(ORDER, TOTAL, T2));

        assertThat(state.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(state.updatedAt()).isEqualTo(T2);
    }

    @Test
    void confirm_carriesTheTotalOfEditedLines() {
        given(placed(WIDGETS), new ItemAdded(ORDER, "WIDGET", 1, 1_500, T1), new ItemAdded(ORDER, "BOLT", 10, 25, T1))
                .when(confirm())
                .then(new OrderConfirmed(ORDER, 3 * 1_500 + 10 * 25, T2));
    }

    @Test
    void confirm_isRejected_whenOrderHasNoItems() {
        given(placed()).when(confirm()).thenRejectedWith(OrderRule.ORDER_HAS_NO_ITEMS);
    }

    @Test
    void confirm_isRejected_whenEveryItemWasRemoved() {
        given(placed(WIDGETS), new ItemRemoved(ORDER, "WIDGET", T1))
                .when(confirm())
                .thenRejectedWith(OrderRule.ORDER_HAS_NO_ITEMS);
    }

    @ParameterizedTest
    @MethodSource("confirmedOrLater")
    void confirm_isIgnored_whenOrderIsAlreadyConfirmedOrLater(OrderEvent[] history) {
        given(history).when(confirm()).then();
    }

    static Stream<Named<OrderEvent[]>> confirmedOrLater() {
        return Histories.of(OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void confirm_isRejected_whenOrderIsCancelled() {
        given(cancelledHistory()).when(confirm()).thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }

    @Test
    void confirm_isRejected_whenOrderDoesNotExist() {
        given().when(confirm()).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
