package dev.eventline.ordering;

import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What other modules rely on: stable rule codes, immutable records, exact money arithmetic. */
class ContractTest {

    @Test
    void rule_codes_are_their_names_and_never_change() {
        assertThat(Arrays.stream(OrderRule.values()).map(OrderRule::code))
                .containsExactly(
                        "ORDER_NOT_FOUND",
                        "ORDER_ALREADY_EXISTS",
                        "INVALID_CURRENCY",
                        "QUANTITY_OUT_OF_RANGE",
                        "INVALID_UNIT_PRICE",
                        "UNIT_PRICE_MISMATCH",
                        "TOO_MANY_LINES",
                        "ITEM_NOT_IN_ORDER",
                        "ORDER_NOT_EDITABLE",
                        "ORDER_HAS_NO_ITEMS",
                        "ORDER_NOT_CONFIRMED",
                        "PAYMENT_AMOUNT_MISMATCH",
                        "ORDER_NOT_PAID",
                        "ORDER_NOT_SHIPPED",
                        "ORDER_ALREADY_SHIPPED",
                        "ORDER_CANCELLED",
                        "ORDER_TOTAL_TOO_LARGE");
    }

    @Test
    void lists_in_records_are_defensive_immutable_copies() {
        List<OrderLine> source = new ArrayList<>(List.of(WIDGETS));
        PlaceOrder command = new PlaceOrder(ORDER, CUSTOMER, EUR, source, T0);
        OrderPlaced event = new OrderPlaced(ORDER, CUSTOMER, EUR, source, T0);
        OrderState state =
                new OrderState(OrderStatus.PLACED, ORDER, CUSTOMER, EUR, source, 0, null, null, null, T0, T0);

        source.add(GADGET);

        assertThat(command.items()).containsExactly(WIDGETS);
        assertThat(event.lines()).containsExactly(WIDGETS);
        assertThat(state.lines()).containsExactly(WIDGETS);
        assertThatThrownBy(() -> command.items().add(GADGET)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.lines().add(GADGET)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.lines().add(GADGET)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void records_refuse_missing_fields_because_that_is_a_caller_bug_not_a_rule() {
        assertThatThrownBy(() -> new PlaceOrder(null, CUSTOMER, EUR, List.of(), T0))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ConfirmOrder(ORDER, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new OrderLine(null, 1, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void total_sums_quantity_times_unit_price() {
        assertThat(new OrderState(
                                OrderStatus.PLACED,
                                ORDER,
                                CUSTOMER,
                                EUR,
                                List.of(WIDGETS, GADGET),
                                0,
                                null,
                                null,
                                null,
                                T0,
                                T0)
                        .total())
                .isEqualTo(TOTAL);
    }

    @Test
    void total_fails_loudly_rather_than_wrap_around() {
        OrderState huge = new OrderState(
                OrderStatus.PLACED,
                ORDER,
                CUSTOMER,
                EUR,
                List.of(line("A", Integer.MAX_VALUE, Long.MAX_VALUE / 2)),
                0,
                null,
                null,
                null,
                T0,
                T0);

        assertThatThrownBy(huge::total).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void line_finds_a_line_by_sku() {
        OrderState state = OrderDecider.INSTANCE.fold(OrderState.initial(), List.of(placed(WIDGETS, GADGET)));

        assertThat(state.line("GADGET")).hasValue(GADGET);
        assertThat(state.line("NOPE")).isEmpty();
    }

    @Test
    void decide_refuses_a_state_of_another_order_as_a_caller_bug() {
        OrderState other = OrderDecider.INSTANCE.fold(
                OrderState.initial(), List.of(new OrderPlaced("order-2", CUSTOMER, EUR, List.of(WIDGETS), T0)));

        assertThatThrownBy(() -> OrderDecider.INSTANCE.decide(confirm(), other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decide_is_deterministic_and_leaves_the_state_untouched() {
        OrderState state = OrderDecider.INSTANCE.fold(OrderState.initial(), List.of(confirmedHistory()));

        List<OrderEvent> first = OrderDecider.INSTANCE.decide(capture(TOTAL), state);
        List<OrderEvent> second = new OrderDecider().decide(capture(TOTAL), state);

        assertThat(first).isEqualTo(second);
        assertThat(state.status()).isEqualTo(OrderStatus.CONFIRMED);
    }
}
