package dev.eventline.ordering;

import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvolveTest {
    private final OrderDecider decider = OrderDecider.INSTANCE;

    private OrderState fold(OrderEvent... events) {
        return decider.fold(decider.initial(), List.of(events));
    }

    @Test
    void initial_is_an_empty_order_that_does_not_exist() {
        OrderState initial = decider.initial();

        assertThat(initial).isEqualTo(OrderState.initial());
        assertThat(initial.status()).isEqualTo(OrderStatus.NONE);
        assertThat(initial.lines()).isEmpty();
        assertThat(initial.total()).isZero();
        assertThat(initial.amountPaid()).isZero();
        assertThat(initial.orderId()).isNull();
        assertThat(initial.placedAt()).isNull();
        assertThat(decider.exists(initial)).isFalse();
    }

    @Test
    void fold_of_the_happy_path_ends_delivered_with_every_fact_remembered() {
        OrderState state = fold(deliveredHistory());

        assertThat(state)
                .isEqualTo(new OrderState(
                        OrderStatus.DELIVERED,
                        ORDER,
                        CUSTOMER,
                        EUR,
                        List.of(WIDGETS, GADGET),
                        TOTAL,
                        CARRIER,
                        TRACKING,
                        null,
                        T0,
                        T5));
        assertThat(decider.exists(state)).isTrue();
    }

    @Test
    void fold_tracks_status_and_updated_at_event_by_event() {
        assertThat(fold(placedHistory()))
                .extracting(OrderState::status, OrderState::updatedAt)
                .containsExactly(OrderStatus.PLACED, T0);
        assertThat(fold(confirmedHistory()))
                .extracting(OrderState::status, OrderState::updatedAt)
                .containsExactly(OrderStatus.CONFIRMED, T2);
        assertThat(fold(paidHistory()))
                .extracting(OrderState::status, OrderState::updatedAt, OrderState::amountPaid)
                .containsExactly(OrderStatus.PAID, T3, TOTAL);
        assertThat(fold(shippedHistory()))
                .extracting(OrderState::status, OrderState::updatedAt)
                .containsExactly(OrderStatus.SHIPPED, T4);
    }

    @Test
    void fold_keeps_placed_at_while_updated_at_follows_the_latest_event() {
        OrderState state = fold(placed(WIDGETS), new ItemAdded(ORDER, "BOLT", 1, 25, T1));

        assertThat(state.placedAt()).isEqualTo(T0);
        assertThat(state.updatedAt()).isEqualTo(T1);
    }

    @Test
    void fold_merges_added_items_and_drops_removed_lines_so_the_total_follows() {
        OrderState state = fold(
                placed(WIDGETS, GADGET),
                new ItemAdded(ORDER, "WIDGET", 3, 1_500, T1),
                new ItemAdded(ORDER, "BOLT", 10, 25, T1),
                new ItemRemoved(ORDER, "GADGET", T2));

        assertThat(state.lines()).containsExactly(line("WIDGET", 5, 1_500), line("BOLT", 10, 25));
        assertThat(state.total()).isEqualTo(5 * 1_500 + 10 * 25);
    }

    @Test
    void fold_of_a_cancellation_keeps_the_reason_and_what_was_paid() {
        OrderState state = fold(placedWithWidgetsAndGadget(), confirmed(), paid(), cancelled());

        assertThat(state.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(state.cancellationReason()).isEqualTo("customer changed mind");
        assertThat(state.amountPaid()).isEqualTo(TOTAL);
        assertThat(state.updatedAt()).isEqualTo(T5);
    }

    @Test
    void fold_of_decided_events_replays_the_whole_lifecycle() {
        OrderState state = decider.initial();
        for (OrderCommand command : List.<OrderCommand>of(
                place(WIDGETS), add("GADGET", 1, 2_500), confirm(), capture(TOTAL), ship(), deliver())) {
            state = decider.fold(state, decider.decide(command, state));
        }

        assertThat(state).isEqualTo(fold(deliveredHistory()));
    }
}
