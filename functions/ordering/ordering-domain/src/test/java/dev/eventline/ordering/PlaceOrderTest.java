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
    void place_recordsOrderPlaced_whenOrderIsNew() {
        OrderState state = given().when(place(WIDGETS, GADGET)).then(placed(WIDGETS, GADGET));

        assertThat(state.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(state.total()).isEqualTo(TOTAL);
        assertThat(state.placedAt()).isEqualTo(T0);
    }

    @Test
    void place_acceptsAnOrderWithoutItems() {
        given().when(place()).then(placed());
    }

    @Test
    void place_mergesDuplicateSkus_whenTheirUnitPricesMatch() {
        given().when(place(line("WIDGET", 2, 1_500), GADGET, line("WIDGET", 3, 1_500)))
                .then(placed(line("WIDGET", 5, 1_500), GADGET));
    }

    @Test
    void place_isRejected_whenDuplicateSkusDisagreeOnUnitPrice() {
        given().when(place(line("WIDGET", 2, 1_500), line("WIDGET", 1, 1_400)))
                .thenRejectedWith(OrderRule.UNIT_PRICE_MISMATCH);
    }

    @Test
    void place_isRejected_whenMergedDuplicatesExceedTheQuantityLimit() {
        given().when(place(line("WIDGET", 600, 1), line("WIDGET", 401, 1)))
                .thenRejectedWith(OrderRule.QUANTITY_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "EU", "EURO", "E1R", "ZZZ", "", " EUR"})
    void place_isRejected_whenCurrencyIsNotAnIso4217Code(String currency) {
        given().when(new PlaceOrder(ORDER, CUSTOMER, currency, List.of(WIDGETS), T0))
                .thenRejectedWith(OrderRule.INVALID_CURRENCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "USD", "JPY", "CHF"})
    void place_acceptsIso4217Currencies(String currency) {
        given().when(new PlaceOrder(ORDER, CUSTOMER, currency, List.of(WIDGETS), T0))
                .then(new OrderPlaced(ORDER, CUSTOMER, currency, List.of(WIDGETS), T0));
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1_001})
    void place_isRejected_whenQuantityIsOutOfRange(int quantity) {
        given().when(place(line("WIDGET", quantity, 1_500))).thenRejectedWith(OrderRule.QUANTITY_OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1_000})
    void place_acceptsQuantityBounds(int quantity) {
        given().when(place(line("WIDGET", quantity, 1_500))).then(placed(line("WIDGET", quantity, 1_500)));
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 100_000_001})
    void place_isRejected_whenUnitPriceIsOutOfRange(long unitPrice) {
        given().when(place(line("WIDGET", 1, unitPrice))).thenRejectedWith(OrderRule.INVALID_UNIT_PRICE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 100_000_000})
    void place_acceptsUnitPriceBounds(long unitPrice) {
        given().when(place(line("FREEBIE", 1, unitPrice))).then(placed(line("FREEBIE", 1, unitPrice)));
    }

    @Test
    void place_accepts100Lines() {
        given().when(place(distinctLines(100))).then(new OrderPlaced(ORDER, CUSTOMER, EUR, distinctLines(100), T0));
    }

    @Test
    void place_isRejected_whenCarryingMoreThan100Items() {
        given().when(place(distinctLines(101))).thenRejectedWith(OrderRule.TOO_MANY_LINES);
    }

    @Test
    void place_acceptsATotalOfExactlyOneTrillion() {
        // 10 lines x 1000 x 100_000_000 = 10^12 minor units
        List<OrderLine> lines = maxedLines(10);

        OrderState state = given().when(place(lines)).then(new OrderPlaced(ORDER, CUSTOMER, EUR, lines, T0));

        assertThat(state.total()).isEqualTo(OrderLimits.MAX_TOTAL);
    }

    @Test
    void place_isRejected_whenTotalExceedsOneTrillion() {
        given().when(place(maxedLines(11))).thenRejectedWith(OrderRule.ORDER_TOTAL_TOO_LARGE);
    }

    @Test
    void place_isIgnored_whenTheSameOrderWasAlreadyPlaced() {
        given(placed(WIDGETS, GADGET)).when(place(WIDGETS, GADGET)).then();
    }

    @Test
    void place_isIgnored_whenRetriedWithTheSameItemsInAnotherOrderOrSplit() {
        given(placed(WIDGETS, GADGET))
                .when(place(GADGET, line("WIDGET", 1, 1_500), line("WIDGET", 1, 1_500)))
                .then();
    }

    @ParameterizedTest
    @MethodSource("laterStatuses")
    void place_isIgnored_whenRetriedAfterTheOrderMovedOn(OrderEvent[] history) {
        given(history).when(place(WIDGETS, GADGET)).then();
    }

    static Stream<Named<OrderEvent[]>> laterStatuses() {
        return Histories.of(OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED,
                OrderStatus.CANCELLED);
    }

    @ParameterizedTest
    @MethodSource("differentPlacements")
    void place_isRejected_whenTheOrderExistsWithDifferentContent(PlaceOrder different) {
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
    void place_isRejected_whenRetriedAfterTheOrderWasEdited() {
        given(placed(WIDGETS, GADGET), new ItemAdded(ORDER, "BOLT", 1, 10, T1))
                .when(place(WIDGETS, GADGET))
                .thenRejectedWith(OrderRule.ORDER_ALREADY_EXISTS);
    }

    @Test
    void place_isRejected_withAlreadyExists_whenACancelledOrderIsPlacedAgainDifferently() {
        given(cancelledHistory()).when(place(WIDGETS)).thenRejectedWith(OrderRule.ORDER_ALREADY_EXISTS);
    }

    private static List<OrderLine> maxedLines(int count) {
        return distinctLines(count).stream()
                .map(line -> line(line.sku(), OrderLimits.MAX_QUANTITY, OrderLimits.MAX_UNIT_PRICE))
                .toList();
    }
}
