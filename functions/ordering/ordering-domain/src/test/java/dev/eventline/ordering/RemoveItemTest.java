package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RemoveItemTest {

    @Test
    void remove_records_item_removed_and_drops_the_whole_line() {
        OrderState state =
                given(placed(WIDGETS, GADGET)).when(remove("WIDGET")).then(new ItemRemoved(ORDER, "WIDGET", T1));

        assertThat(state.lines()).containsExactly(GADGET);
        assertThat(state.line("WIDGET")).isEmpty();
        assertThat(state.total()).isEqualTo(2_500);
    }

    @Test
    void remove_is_rejected_when_sku_is_not_in_the_order() {
        given(placed(WIDGETS)).when(remove("GADGET")).thenRejectedWith(OrderRule.ITEM_NOT_IN_ORDER);
    }

    @Test
    void remove_is_rejected_when_sku_was_already_removed() {
        given(placed(WIDGETS), new ItemRemoved(ORDER, "WIDGET", T1))
                .when(remove("WIDGET"))
                .thenRejectedWith(OrderRule.ITEM_NOT_IN_ORDER);
    }

    @Test
    void remove_is_rejected_when_the_order_does_not_exist() {
        given().when(remove("WIDGET")).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("notEditable")
    void remove_is_rejected_when_the_order_is_no_longer_placed(OrderEvent[] history) {
        given(history).when(remove("WIDGET")).thenRejectedWith(OrderRule.ORDER_NOT_EDITABLE);
    }

    static Stream<Named<OrderEvent[]>> notEditable() {
        return Histories.of(OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void remove_is_rejected_when_the_order_is_cancelled() {
        given(cancelledHistory()).when(remove("WIDGET")).thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }
}
