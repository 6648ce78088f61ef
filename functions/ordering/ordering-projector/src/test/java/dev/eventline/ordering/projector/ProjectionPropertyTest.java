package dev.eventline.ordering.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CancelOrder;
import dev.eventline.ordering.CapturePayment;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.DeliverOrder;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.ordering.RemoveItem;
import dev.eventline.ordering.ShipOrder;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.streams.StreamRecords;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever the delivery (split into batches anyhow, reordered, duplicated, redelivered, with
 * records missing as long as a later one of the stream comes), the read models end up exactly as
 * an in-order fold of each stream: summary = fold, customer item at the last version, every
 * payment counted once in daily sales.
 */
class ProjectionPropertyTest {
    private static final Instant EPOCH_DAY = Instant.parse("1990-01-01T00:00:00Z");
    private static final AtomicInteger TRY = new AtomicInteger();
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY");

    private static ProjectorHarness harness;

    @BeforeContainer
    static void startEmulator() {
        harness = new ProjectorHarness(EmulatorOutsideJupiter.provisioned(ProjectionPropertyTest.class));
    }

    /** An order's script: the commands after placing it, as step codes the decider may accept or refuse. */
    @Provide
    Arbitrary<List<List<Integer>>> scripts() {
        return Arbitraries.integers()
                .between(0, 99)
                .list()
                .ofMaxSize(12)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    @Property(tries = 30, shrinking = ShrinkingMode.BOUNDED)
    void any_delivery_converges_on_the_fold_of_each_stream(
            @ForAll("scripts") List<List<Integer>> scripts, @ForAll long deliverySeed) {
        int tryNumber = TRY.incrementAndGet();
        Instant day = EPOCH_DAY.plus(tryNumber, ChronoUnit.DAYS); // a day of its own: daily sales are exact
        String customer = "prop-" + ProjectorHarness.newOrderId();
        Random random = new Random(deliverySeed);
        List<OrderStory> stories = new ArrayList<>();
        for (List<Integer> script : scripts) {
            stories.add(story(script, customer, CURRENCIES.get(random.nextInt(CURRENCIES.size())), day));
        }
        harness.tail.skipToEnd();
        stories.forEach(harness::append);
        Set<String> orderIds =
                new HashSet<>(stories.stream().map(OrderStory::orderId).toList());
        List<ChangeRecord> records = harness.newRecords(orderIds);

        for (List<ChangeRecord> batch : perturbed(records, random)) {
            assertThat(harness.project(batch).batchItemFailures())
                    .as("batch item failures")
                    .isEmpty();
        }

        Map<String, long[]> expectedSales = new HashMap<>();
        for (OrderStory story : stories) {
            long version = story.events().size();
            ProjectedOrder summary = harness.summary(story.orderId()).orElseThrow();
            assertThat(summary.version()).isEqualTo(version);
            assertThat(summary.state()).isEqualTo(story.state()).isEqualTo(harness.fold(story.orderId()));
            story.events().stream()
                    .filter(PaymentCaptured.class::isInstance)
                    .map(PaymentCaptured.class::cast)
                    .forEach(paid -> {
                        long[] sales = expectedSales.computeIfAbsent(paid.currency(), c -> new long[2]);
                        sales[0]++;
                        sales[1] += paid.amount();
                    });
        }
        List<CustomerOrderItem> customerOrders = harness.customerOrders(customer);
        assertThat(customerOrders).hasSize(stories.size());
        for (CustomerOrderItem item : customerOrders) {
            OrderState state = stories.stream()
                    .filter(s -> s.orderId().equals(item.orderId()))
                    .findFirst()
                    .orElseThrow()
                    .state();
            assertThat(item.status()).isEqualTo(state.status().name());
            assertThat(item.total()).isEqualTo(state.total());
        }
        for (String currency : CURRENCIES) {
            assertThat(harness.dailySales(day.toString().substring(0, 10), currency))
                    .as("daily sales in " + currency)
                    .containsExactly(expectedSales.getOrDefault(currency, new long[2]));
        }
    }

    private static OrderStory story(List<Integer> script, String customer, String currency, Instant day) {
        OrderStory story = OrderStory.of(ProjectorHarness.newOrderId(), day)
                .place(customer, currency, new OrderLine("S0", 1, 100));
        for (int step : script) {
            story.tryDecide(command(story, step));
        }
        return story;
    }

    /** Step codes weighted towards editing, so that payments and shipments come after some items. */
    private static OrderCommand command(OrderStory story, int step) {
        String orderId = story.orderId();
        int sku = step % 4;
        return switch (step / 10) {
            case 0, 1, 2 -> new AddItem(orderId, "S" + sku, 1 + step % 3, 100L * (sku + 1), story.next());
            case 3 -> new RemoveItem(orderId, "S" + sku, story.next());
            case 4, 5 -> new ConfirmOrder(orderId, story.next());
            case 6 -> new CapturePayment(orderId, story.state().total(), story.next());
            case 7 -> new ShipOrder(orderId, "DHL", "T-" + orderId, story.next());
            case 8 -> new DeliverOrder(orderId, story.next());
            default -> new CancelOrder(orderId, "changed mind", story.next());
        };
    }

    /**
     * Cuts the records into batches at random points, then disturbs them: a batch reordered, a record
     * repeated or left out, an earlier batch delivered again, two batches swapped. The last record of
     * every stream is delivered at least once, so a complete projection is always possible.
     */
    static List<List<ChangeRecord>> perturbed(List<ChangeRecord> records, Random random) {
        List<List<ChangeRecord>> batches = new ArrayList<>();
        int from = 0;
        while (from < records.size()) {
            int size = 1 + random.nextInt(Math.max(1, records.size() - from));
            batches.add(new ArrayList<>(records.subList(from, from + size)));
            from += size;
        }
        for (List<ChangeRecord> batch : batches) {
            if (random.nextInt(3) == 0) {
                Collections.shuffle(batch, random);
            }
            if (random.nextInt(3) == 0) {
                batch.add(random.nextInt(batch.size() + 1), records.get(random.nextInt(records.size())));
            }
            if (batch.size() > 1 && random.nextInt(4) == 0) {
                batch.remove(random.nextInt(batch.size()));
            }
        }
        if (batches.size() > 1 && random.nextInt(3) == 0) {
            int earlier = random.nextInt(batches.size() - 1);
            batches.add(
                    earlier + 1 + random.nextInt(batches.size() - earlier - 1), new ArrayList<>(batches.get(earlier)));
        }
        if (batches.size() > 1 && random.nextInt(4) == 0) {
            Collections.swap(batches, random.nextInt(batches.size()), random.nextInt(batches.size()));
        }
        deliverEveryStreamsLastRecord(records, batches);
        batches.removeIf(List::isEmpty);
        return batches;
    }

    private static void deliverEveryStreamsLastRecord(List<ChangeRecord> records, List<List<ChangeRecord>> batches) {
        Map<String, ChangeRecord> last = new HashMap<>();
        for (ChangeRecord record : records) {
            last.put(StreamRecords.streamIdOf(record).orElseThrow(), record);
        }
        Set<ChangeRecord> delivered = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        batches.forEach(delivered::addAll);
        for (ChangeRecord record : last.values()) {
            if (!delivered.contains(record)) {
                batches.getLast().add(record);
            }
        }
    }
}
