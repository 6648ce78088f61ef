package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddItemTest {

    @Test
    void add_records_item_added_for_a_new_sku() {
        OrderState state =
                given(placed(WIDGETS)).when(add("BOLT", 4, 25)).then(new ItemAdded(ORDER, "BOLT", 4, 25, T1));

        assertThat(state.lines()).containsExactly(WIDGETS, line("BOLT", 4, 25));
        assertThat(state.updatedAt()).isEqualTo(T1);
    }

    @Test
    void add_merges_into_the_existing_line_when_sku_and_price_match() {
        OrderState state = given(placed(WIDGETS, GADGET))
                .when(add("WIDGET", 3, 1_500))
                .then(new ItemAdded(ORDER, "WIDGET", 3, 1_500, T1));

        assertThat(state.lines()).containsExactly(line("WIDGET", 5, 1_500), GADGET);
        assertThat(state.line("WIDGET")).hasValue(line("WIDGET", 5, 1_500));
    }

    @Test
    void add_is_rejected_when_sku_is_in_the_order_at_another_unit_price() {
        given(placed(WIDGETS)).when(add("WIDGET", 1, 1_499)).thenRejectedWith(OrderRule.UNIT_PRICE_MISMATCH);
    }

    @Test
    void add_is_rejected_when_the_merged_quantity_exceeds1000() {
        given(placed(line("WIDGET", 999, 1)))
                .when(add("WIDGET", 2, 1))
                .thenRejectedWith(OrderRule.QUANTITY_OUT_OF_RANGE);
    }

    @Test
    void add_accepts_a_merged_quantity_of_exactly1000() {
        given(placed(line("WIDGET", 999, 1))).when(add("WIDGET", 1, 1)).then(new ItemAdded(ORDER, "WIDGET", 1, 1, T1));
    }

    @ParameterizedTest
    @ValueSource(ints = {-5, 0, 1_001})
    void add_is_rejected_when_quantity_is_out_of_range(int quantity) {
        given(placed(WIDGETS)).when(add("BOLT", quantity, 25)).thenRejectedWith(OrderRule.QUANTITY_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 100_000_001})
    void add_is_rejected_when_unit_price_is_out_of_range(long unitPrice) {
        given(placed(WIDGETS)).when(add("BOLT", 1, unitPrice)).thenRejectedWith(OrderRule.INVALID_UNIT_PRICE);
    }

    @Test
    void add_is_rejected_when_the_order_already_has100_lines() {
        given(new OrderPlaced(ORDER, CUSTOMER, EUR, distinctLines(100), T0))
                .when(add("SKU-101", 1, 1))
                .thenRejectedWith(OrderRule.TOO_MANY_LINES);
    }

    @Test
    void add_still_merges_an_existing_sku_when_the_order_has100_lines() {
        given(new OrderPlaced(ORDER, CUSTOMER, EUR, distinctLines(100), T0))
                .when(add("SKU-1", 1, 1))
                .then(new ItemAdded(ORDER, "SKU-1", 1, 1, T1));
    }

    @Test
    void add_is_rejected_when_the_total_would_exceed_one_trillion() {
        OrderLine maxed = line("BIG", OrderLimits.MAX_QUANTITY, OrderLimits.MAX_UNIT_PRICE);
        OrderEvent[] history = {placed(maxed)};
        for (int i = 2; i <= 10; i++) {
            history = append(history, new ItemAdded(ORDER, "BIG-" + i, 1_000, 100_000_000, T1));
        }
        given(history).when(add("ONE-MORE", 1, 1)).thenRejectedWith(OrderRule.ORDER_TOTAL_TOO_LARGE);
    }

    @Test
    void add_is_rejected_when_the_order_does_not_exist() {
        given().when(add("BOLT", 1, 25)).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }

    @ParameterizedTest
    @MethodSource("notEditable")
    void add_is_rejected_when_the_order_is_no_longer_placed(OrderEvent[] history) {
        given(history).when(add("BOLT", 1, 25)).thenRejectedWith(OrderRule.ORDER_NOT_EDITABLE);
    }

    static Stream<Named<OrderEvent[]>> notEditable() {
        return Histories.of(OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void add_is_rejected_when_the_order_is_cancelled() {
        given(cancelledHistory()).when(add("BOLT", 1, 25)).thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }

    private static OrderEvent[] append(OrderEvent[] history, OrderEvent event) {
        OrderEvent[] longer = Arrays.copyOf(history, history.length + 1);
        longer[history.length] = event;
        return longer;
    }
}
