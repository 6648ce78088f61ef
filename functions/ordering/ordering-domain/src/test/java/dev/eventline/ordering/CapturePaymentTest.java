package dev.eventline.ordering;

import static dev.eventline.ordering.OrderSpec.given;
import static dev.eventline.ordering.Orders.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CapturePaymentTest {

    @Test
    void capture_records_payment_captured_in_the_order_currency() {
        OrderState state =
                given(confirmedHistory()).when(capture(TOTAL)).then(new PaymentCaptured(ORDER, TOTAL, EUR, T3));

        assertThat(state.status()).isEqualTo(OrderStatus.PAID);
        assertThat(state.amountPaid()).isEqualTo(TOTAL);
    }

    @Test
    void capture_uses_the_currency_the_order_was_placed_in() {
        given(
                        new OrderPlaced(ORDER, CUSTOMER, "JPY", List.of(line("TEA", 1, 800)), T0),
                        new OrderConfirmed(ORDER, 800, T2))
                .when(capture(800))
                .then(new PaymentCaptured(ORDER, 800, "JPY", T3));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, TOTAL - 1, TOTAL + 1, -TOTAL})
    void capture_is_rejected_when_amount_differs_from_the_total(long amount) {
        given(confirmedHistory()).when(capture(amount)).thenRejectedWith(OrderRule.PAYMENT_AMOUNT_MISMATCH);
    }

    @Test
    void capture_is_rejected_when_order_is_not_confirmed() {
        given(placedHistory()).when(capture(TOTAL)).thenRejectedWith(OrderRule.ORDER_NOT_CONFIRMED);
    }

    @ParameterizedTest
    @MethodSource("paidOrLater")
    void capture_is_ignored_when_the_same_amount_was_already_captured(OrderEvent[] history) {
        given(history).when(capture(TOTAL)).then();
    }

    @ParameterizedTest
    @MethodSource("paidOrLater")
    void capture_is_rejected_when_another_amount_was_already_captured(OrderEvent[] history) {
        given(history).when(capture(TOTAL + 1)).thenRejectedWith(OrderRule.PAYMENT_AMOUNT_MISMATCH);
    }

    static Stream<Named<OrderEvent[]>> paidOrLater() {
        return Histories.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    }

    @Test
    void capture_is_rejected_when_order_is_cancelled() {
        given(placedWithWidgetsAndGadget(), confirmed(), cancelled())
                .when(capture(TOTAL))
                .thenRejectedWith(OrderRule.ORDER_CANCELLED);
    }

    @Test
    void capture_is_rejected_when_order_does_not_exist() {
        given().when(capture(TOTAL)).thenRejectedWith(OrderRule.ORDER_NOT_FOUND);
    }
}
