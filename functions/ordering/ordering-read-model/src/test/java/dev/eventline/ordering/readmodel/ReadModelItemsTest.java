package dev.eventline.ordering.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.OrderStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadModelItemsTest {
    private static final Instant PLACED = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void an_order_summary_item_holds_the_whole_state_and_reads_back_equal() {
        OrderState state = new OrderState(
                OrderStatus.SHIPPED,
                "o-1",
                "c-1",
                "EUR",
                List.of(new OrderLine("A", 2, 150), new OrderLine("B", 1, 99)),
                399,
                "DHL",
                "JD1",
                null,
                PLACED,
                PLACED.plusSeconds(90));
        ProjectedOrder order = new ProjectedOrder(state, 5, PLACED.plusSeconds(91));

        var item = OrderSummaryItem.toItem(order);

        assertThat(OrderSummaryItem.fromItem(item)).isEqualTo(order);
        assertThat(item.get("total").n()).isEqualTo("399");
        assertThat(item).doesNotContainKey("cancellationReason");
    }

    @Test
    void an_order_without_placement_has_no_customer_item() {
        assertThat(CustomerOrderItem.of(OrderState.initial(), 1)).isEmpty();
    }

    @Test
    void sort_keys_sort_like_the_instants_they_hold() {
        String whole = CustomerOrderItem.sortKey(PLACED, "o-1");
        String half = CustomerOrderItem.sortKey(PLACED.plusMillis(500), "o-1");
        String later = CustomerOrderItem.sortKey(PLACED.plusSeconds(1), "o-0");

        assertThat(whole).isEqualTo("2026-11-27T10:00:00.000000000Z#o-1");
        assertThat(List.of(later, whole, half).stream().sorted().toList()).containsExactly(whole, half, later);
    }

    @Test
    void daily_sales_count_on_the_utc_day_of_the_capture() {
        assertThat(DailySalesItem.day(Instant.parse("2026-11-27T23:59:59Z"))).isEqualTo("2026-11-27");
        assertThat(DailySalesItem.markerSortKey("o-1")).isEqualTo("paid#o-1");
    }
}
