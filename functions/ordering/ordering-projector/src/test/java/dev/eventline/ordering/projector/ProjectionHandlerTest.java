package dev.eventline.ordering.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderStatus;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.DailySalesItem;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithEmulator
class ProjectionHandlerTest {
    private static final Instant MORNING = Instant.parse("2026-11-27T09:00:00Z");

    private final ProjectorHarness harness;

    ProjectionHandlerTest(Emulator emulator) {
        this.harness = new ProjectorHarness(emulator);
    }

    @BeforeEach
    void skipOlderRecords() {
        harness.tail.skipToEnd();
    }

    @Test
    void an_order_s_history_is_projected_into_all_three_read_models() {
        String customer = "c-" + ProjectorHarness.newOrderId();
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place(customer, "EUR", new OrderLine("WIDGET", 2, 1_500))
                .add("GADGET", 1, 2_500)
                .confirm()
                .pay()
                .ship();
        harness.append(story);

        assertThat(harness.project(harness.newRecords()).batchItemFailures()).isEmpty();

        ProjectedOrder summary = harness.summary(story.orderId()).orElseThrow();
        assertThat(summary.version()).isEqualTo(5);
        assertThat(summary.state()).isEqualTo(story.state()).isEqualTo(harness.fold(story.orderId()));
        assertThat(summary.state().status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(summary.state().total()).isEqualTo(5_500);
        assertThat(harness.customerOrders(customer)).singleElement().satisfies(item -> {
            assertThat(item.orderId()).isEqualTo(story.orderId());
            assertThat(item.status()).isEqualTo("SHIPPED");
            assertThat(item.total()).isEqualTo(5_500);
            assertThat(item.version()).isEqualTo(5);
            assertThat(item.sortKey()).endsWith("#" + story.orderId()).startsWith("2026-11-27T09:01:00.000000000Z");
        });
        long[] sales = harness.dailySales("2026-11-27", "EUR");
        assertThat(sales[0]).isGreaterThanOrEqualTo(1);
        assertThat(harness.metric("EventsProjected")).isEqualTo(5);
        assertThat(harness.logLines)
                .anySatisfy(line -> assertThat(line)
                        .contains(
                                "\"message\":\"event projected\"",
                                "\"correlationId\":\"corr-" + story.orderId() + "\"",
                                "\"eventId\":",
                                "\"streamId\":\"Order-" + story.orderId() + "\""));
    }

    @Test
    void a_batch_delivered_twice_changes_nothing_and_counts_no_payment_twice() {
        String day = "2026-10-01";
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), Instant.parse(day + "T08:00:00Z"))
                .place("c-1", "USD", new OrderLine("WIDGET", 3, 700))
                .confirm()
                .pay();
        harness.append(story);
        List<ChangeRecord> batch = harness.newRecords();

        harness.project(batch);
        Map<String, ?> summaryBefore =
                OrderSummaryItem.toItem(harness.summary(story.orderId()).orElseThrow());
        long[] salesBefore = harness.dailySales(day, "USD");
        List<CustomerOrderItem> customerBefore = harness.customerOrders("c-1");
        long duplicatesBefore = harness.metric("DuplicatesSkipped");

        assertThat(harness.project(batch).batchItemFailures()).isEmpty();

        assertThat(OrderSummaryItem.toItem(harness.summary(story.orderId()).orElseThrow()))
                .isEqualTo(summaryBefore);
        assertThat(harness.dailySales(day, "USD")).containsExactly(salesBefore);
        assertThat(salesBefore).containsExactly(1, 2_100);
        assertThat(harness.customerOrders("c-1")).isEqualTo(customerBefore);
        assertThat(harness.metric("DuplicatesSkipped") - duplicatesBefore).isEqualTo(3);
    }

    @Test
    void reordered_split_and_holed_deliveries_converge_on_the_in_order_result() {
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), MORNING)
                .place("c-2", "EUR", new OrderLine("A", 1, 100))
                .add("B", 2, 200)
                .remove("A")
                .add("C", 1, 50)
                .confirm()
                .pay()
                .ship()
                .deliver();
        harness.append(story);
        List<ChangeRecord> records = harness.newRecords();
        assertThat(records).hasSize(8);

        // batch 1: versions 5, 2, 3 (reordered, 1 and 4 missing); batch 2: version 8 alone (6, 7 missing);
        // batch 3: everything again, shuffled
        harness.project(List.of(records.get(4), records.get(1), records.get(2)));
        assertThat(harness.summary(story.orderId()).orElseThrow().version()).isEqualTo(5);
        harness.project(List.of(records.get(7)));
        List<ChangeRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new java.util.Random(7));
        assertThat(harness.project(shuffled).batchItemFailures()).isEmpty();

        ProjectedOrder summary = harness.summary(story.orderId()).orElseThrow();
        assertThat(summary.version()).isEqualTo(8);
        assertThat(summary.state()).isEqualTo(harness.fold(story.orderId()));
        assertThat(summary.state().status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(harness.metric("GapsRepaired"))
                .as("versions 1 and 4, then 6 and 7, read from the events table")
                .isEqualTo(4);
    }

    @Test
    void ten_events_of_one_order_cost_one_put_per_read_model() {
        OrderStory story =
                OrderStory.of(ProjectorHarness.newOrderId(), MORNING).place("c-3", "EUR", new OrderLine("A", 1, 100));
        for (int i = 0; i < 6; i++) {
            story.add("SKU-" + i, 1, 10);
        }
        story.confirm().pay().ship();
        harness.append(story);
        List<ChangeRecord> records = harness.newRecords();
        assertThat(records).hasSize(10);
        harness.writes.reset();
        CapacityMeter.Usage before = harness.meter.usage();

        harness.project(records);

        CapacityMeter.Usage used = harness.meter.usage().minus(before);
        assertThat(harness.writes.putItems(harness.environment.get("ORDER_SUMMARY_TABLE")))
                .isEqualTo(1);
        assertThat(harness.writes.putItems(harness.environment.get("ORDERS_BY_CUSTOMER_TABLE")))
                .isEqualTo(1);
        assertThat(harness.writes.transactions(harness.environment.get("DAILY_SALES_TABLE")))
                .isEqualTo(1);
        assertThat(used.requestsByOperation())
                .containsOnlyKeys("GetItem", "PutItem", "TransactWriteItems", "Query")
                .containsEntry("PutItem", 2L)
                .containsEntry("TransactWriteItems", 1L)
                // server push, on as deployed: the connections of the order and of its customer (none here)
                .containsEntry("Query", 2L);
        // one checkpoint read, plus the read-model generation pointer when this container's copy is
        // older than GenerationPointers.DEFAULT_MAX_AGE (5 s)
        assertThat(used.requestsByOperation().get("GetItem")).isBetween(1L, 2L);
    }

    @Test
    void payments_of_one_day_and_currency_share_one_transaction_and_redelivery_falls_back_per_order() {
        String day = "2026-09-15";
        List<OrderStory> stories = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), Instant.parse(day + "T10:00:00Z"))
                    .place("c-4", "GBP", new OrderLine("A", 1, 1_000L * (i + 1)))
                    .confirm()
                    .pay();
            harness.append(story);
            stories.add(story);
        }
        List<ChangeRecord> records = harness.newRecords();
        harness.writes.reset();

        harness.project(records);

        String table = harness.environment.get("DAILY_SALES_TABLE");
        assertThat(harness.writes.transactions(table)).isEqualTo(1);
        assertThat(harness.dailySales(day, "GBP")).containsExactly(5, 15_000);

        // the summaries are lost (e.g. a table restore): the payments are applied again, but the markers
        // cancel the coalesced transaction and each order, retried alone, is found already counted
        for (OrderStory story : stories) {
            harness.emulator
                    .dynamoDb()
                    .deleteItem(r -> r.tableName(harness.environment.get("ORDER_SUMMARY_TABLE"))
                            .key(OrderSummaryItem.key(story.orderId())));
        }
        harness.writes.reset();

        assertThat(harness.project(records).batchItemFailures()).isEmpty();

        assertThat(harness.dailySales(day, "GBP")).containsExactly(5, 15_000);
        assertThat(harness.writes.transactions(table)).isEqualTo(1 + 5);
        assertThat(harness.emulator
                        .dynamoDb()
                        .query(r -> r.tableName(table)
                                .keyConditionExpression("#d = :d")
                                .expressionAttributeNames(Map.of("#d", DailySalesItem.DAY))
                                .expressionAttributeValues(Map.of(
                                        ":d",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(day))))
                        .items())
                .filteredOn(DailySalesItem::isMarker)
                .hasSize(5);
    }

    @Test
    void streams_are_independent_within_a_batch() {
        OrderStory first =
                OrderStory.of(ProjectorHarness.newOrderId(), MORNING).place("c-5", "EUR", new OrderLine("A", 1, 1));
        OrderStory second =
                OrderStory.of(ProjectorHarness.newOrderId(), MORNING).place("c-5", "EUR", new OrderLine("B", 1, 2));
        harness.append(first);
        harness.append(second);
        first.confirm();
        second.confirm();
        harness.append(first);
        harness.append(second);

        assertThat(harness.project(harness.newRecords(Set.of(first.orderId(), second.orderId())))
                        .batchItemFailures())
                .isEmpty();

        assertThat(harness.summary(first.orderId()).orElseThrow().state()).isEqualTo(first.state());
        assertThat(harness.summary(second.orderId()).orElseThrow().state()).isEqualTo(second.state());
        assertThat(harness.customerOrders("c-5")).hasSize(2);
    }
}
