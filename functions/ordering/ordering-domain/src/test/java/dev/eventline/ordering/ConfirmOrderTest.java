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
    void confirm_records_order_confirmed_carrying_the_total() {
        OrderState state = given(placedHistory()).when(confirm()).then(new OrderConfirmed(ORDER, TOTAL, T2));

        assertThat(state.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(state.updatedAt()).isEqualTo(T2);
    }

    @Test
    void confirm_carries_the_total_of_edited_lines() {
        given(placed(WIDGETS), new ItemAdded(ORDER, "WIDGET", 1, 1_500, T1), new ItemAdded(ORDER, "BOLT", 10, 25, T1))
                .when(confirm())
                .then(new OrderConfirmed(ORDER, 3 * 1_500 + 10 * 25, T2));
    }

    @Test
    void confirm_is_rejected_when_order_has_no_items() {
        given(placed()).when(confirm()).thenRejectedWith(OrderRule.ORDER_HAS_NO_ITEMS);
    }

    @Test
    void confirm_is_rejected_when_every_item_was_removed() {
        given(placed(WIDGETS), new ItemRemoved(ORDER, "WIDGET", T1))
                .when(confirm())
                .thenRejectedWith(OrderRule.ORDER_HAS_NO_ITEMS);
    }

    @ParameterizedTest
    @MethodSource("confirmedOrLater")
    void confirm_is_ignored_when_order_is_already_confirmed_or_later(OrderEvent[] history) {
        given(history).when(confirm()).then();
    }

    static Stream<Named<OrderEvent[]>> confirmedOrLater() {
        return Histories.of(OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void confirm_is_rejected_when_order_is_cancelled() {
        given(cancelledHistory()).when(confirm()).thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }

    @Test
    void confirm_is_rejected_when_order_does_not_exist() {
        given().when(confirm()).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
