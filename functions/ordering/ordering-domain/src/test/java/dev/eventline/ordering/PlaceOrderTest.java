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

class PlaceOrderTest {

    @Test
    void place_records_order_placed_when_order_is_new() {
        OrderState state = given().when(place(WIDGETS, GADGET)).then(placed(WIDGETS, GADGET));

        assertThat(state.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(state.total()).isEqualTo(TOTAL);
        assertThat(state.placedAt()).isEqualTo(T0);
    }

    @Test
    void place_accepts_an_order_without_items() {
        given().when(place()).then(placed());
    }

    @Test
    void place_merges_duplicate_skus_when_their_unit_prices_match() {
        given().when(place(line("WIDGET", 2, 1_500), GADGET, line("WIDGET", 3, 1_500)))
                .then(placed(line("WIDGET", 5, 1_500), GADGET));
    }

    @Test
    void place_is_rejected_when_duplicate_skus_disagree_on_unit_price() {
        given().when(place(line("WIDGET", 2, 1_500), line("WIDGET", 1, 1_400)))
                .thenRejectedWith(OrderRule.UNIT_PRICE_MISMATCH);
    }

    @Test
    void place_is_rejected_when_merged_duplicates_exceed_the_quantity_limit() {
        given().when(place(line("WIDGET", 600, 1), line("WIDGET", 401, 1)))
                .thenRejectedWith(OrderRule.QUANTITY_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EU", "EURO", "E1R", "ZZZ", "", " EUR"})
    void place_is_rejected_when_currency_is_not_an_iso4217_code(String currency) {
        given().when(new PlaceOrder(ORDER, CUSTOMER, currency, List.of(WIDGETS), T0))
                .thenRejectedWith(OrderRule.INVALID_CURRENCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "USD", "JPY", "CHF"})
    void place_accepts_iso4217_currencies(String currency) {
        given().when(new PlaceOrder(ORDER, CUSTOMER, currency, List.of(WIDGETS), T0))
                .then(new OrderPlaced(ORDER, CUSTOMER, currency, List.of(WIDGETS), T0));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1_001})
    void place_is_rejected_when_quantity_is_out_of_range(int quantity) {
        given().when(place(line("WIDGET", quantity, 1_500))).thenRejectedWith(OrderRule.QUANTITY_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1_000})
    void place_accepts_quantity_bounds(int quantity) {
        given().when(place(line("WIDGET", quantity, 1_500))).then(placed(line("WIDGET", quantity, 1_500)));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 100_000_001})
    void place_is_rejected_when_unit_price_is_out_of_range(long unitPrice) {
        given().when(place(line("WIDGET", 1, unitPrice))).thenRejectedWith(OrderRule.INVALID_UNIT_PRICE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 100_000_000})
    void place_accepts_unit_price_bounds(long unitPrice) {
        given().when(place(line("FREEBIE", 1, unitPrice))).then(placed(line("FREEBIE", 1, unitPrice)));
    }

    @Test
    void place_accepts100_lines() {
        given().when(place(distinctLines(100))).then(new OrderPlaced(ORDER, CUSTOMER, EUR, distinctLines(100), T0));
    }

    @Test
    void place_is_rejected_when_carrying_more_than100_items() {
        given().when(place(distinctLines(101))).thenRejectedWith(OrderRule.TOO_MANY_LINES);
    }

    @Test
    void place_accepts_a_total_of_exactly_one_trillion() {
        // 10 lines x 1000 x 100_000_000 = 10^12 minor units
        List<OrderLine> lines = maxedLines(10);

        OrderState state = given().when(place(lines)).then(new OrderPlaced(ORDER, CUSTOMER, EUR, lines, T0));

        assertThat(state.total()).isEqualTo(OrderLimits.MAX_TOTAL);
    }

    @Test
    void place_is_rejected_when_total_exceeds_one_trillion() {
        given().when(place(maxedLines(11))).thenRejectedWith(OrderRule.ORDER_TOTAL_TOO_LARGE);
    }

    @Test
    void place_is_ignored_when_the_same_order_was_already_placed() {
        given(placed(WIDGETS, GADGET)).when(place(WIDGETS, GADGET)).then();
    }

    @Test
    void place_is_ignored_when_retried_with_the_same_items_in_another_order_or_split() {
        given(placed(WIDGETS, GADGET))
                .when(place(GADGET, line("WIDGET", 1, 1_500), line("WIDGET", 1, 1_500)))
                .then();
    }

    @ParameterizedTest
    @MethodSource("laterStatuses")
    void place_is_ignored_when_retried_after_the_order_moved_on(OrderEvent[] history) {
        given(history).when(place(WIDGETS, GADGET)).then();
    }

    static Stream<Named<OrderEvent[]>> laterStatuses() {
        return Histories.of(
                OrderStatus.CONFIRMED,
                OrderStatus.PAID,
                OrderStatus.SHIPPED,
                OrderStatus.DELIVERED,
                OrderStatus.CANCELLED);
    }

    @ParameterizedTest
    @MethodSource("differentPlacements")
    void place_is_rejected_when_the_order_exists_with_different_content(PlaceOrder different) {
        given(placed(WIDGETS, GADGET)).when(different).thenRejectedWith(OrderRule.ORDER_ALREADY_EXISTS);
    }

    static Stream<Named<PlaceOrder>> differentPlacements() {
        return Stream.of(
                Named.of("other customer", new PlaceOrder(ORDER, "customer-2", EUR, List.of(WIDGETS, GADGET), T0)),
                Named.of("other currency", new PlaceOrder(ORDER, CUSTOMER, "USD", List.of(WIDGETS, GADGET), T0)),
                Named.of("missing line", place(WIDGETS)),
                Named.of("extra line", place(WIDGETS, GADGET, line("BOLT", 1, 10))),
                Named.of("other quantity", place(line("WIDGET", 3, 1_500), GADGET)),
                Named.of("other price", place(line("WIDGET", 2, 1_400), GADGET)),
                Named.of("invalid content", place(line("WIDGET", 0, -1))));
    }

    @Test
    void place_is_rejected_when_retried_after_the_order_was_edited() {
        given(placed(WIDGETS, GADGET), new ItemAdded(ORDER, "BOLT", 1, 10, T1))
                .when(place(WIDGETS, GADGET))
                .thenRejectedWith(OrderRule.ORDER_ALREADY_EXISTS);
    }

    @Test
    void place_is_rejected_with_already_exists_when_a_cancelled_order_is_placed_again_differently() {
        given(cancelledHistory()).when(place(WIDGETS)).thenRejectedWith(OrderRule.ORDER_ALREADY_EXISTS);
    }

    private static List<OrderLine> maxedLines(int count) {
        return distinctLines(count).stream()
                .map(line -> line(line.sku(), OrderLimits.MAX_QUANTITY, OrderLimits.MAX_UNIT_PRICE))
                .toList();
    }
}
