package dev.eventline.ordering.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventline.ordering.readmodel.GenerationPointer;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Rebuilds and verification against the emulated tables, with the real projector following the
 * stream. The tests share the tables (one emulator per class), so they run in order and each
 * checks the orders it wrote.
 */
@WithEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderReadModelRebuildTest {
    private final RebuildFixture fixture;

    @TempDir
    Path checkpoints;

    OrderReadModelRebuildTest(Emulator emulator) {
        this.fixture = new RebuildFixture(emulator);
    }

    @Test
    @Order(1)
    void a_truncated_read_model_is_refolded_from_the_log() {
        List<String> orders = placeOrders(12);
        fixture.project();
        // a projection bug, simulated: every summary holds a wrong status
        for (String orderId : orders) {
            alterStatus(fixture.base.orderSummary(), orderId, "CANCELLED");
        }

        RebuildOutcome outcome = fixture.rebuild(checkpoints, 2, 5).truncate(Progress.Listener.NONE);

        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.streams()).isGreaterThanOrEqualTo(orders.size());
        for (String orderId : orders) {
            assertThat(summary(fixture.base.orderSummary(), orderId))
                    .map(ProjectedOrder::state)
                    .contains(fixture.fold(orderId).state());
        }
    }

    @Test
    @Order(2)
    void verify_passes_on_a_rebuilt_model_and_names_the_stream_of_an_altered_item_which_repair_rewrites() {
        List<String> orders = placeOrders(5);
        fixture.project();
        assertThat(fixture.verifier()
                        .verify(Optional.empty(), false, Progress.Listener.NONE)
                        .mismatches())
                .isEmpty();

        String altered = orders.get(2);
        alterStatus(fixture.base.orderSummary(), altered, "SHIPPED");
        VerifyOutcome found = fixture.verifier().verify(Optional.empty(), false, Progress.Listener.NONE);

        assertThat(found.consistent()).isFalse();
        assertThat(found.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.streamId()).isEqualTo("Order-" + altered);
            assertThat(m.readModel()).isEqualTo("order-summary");
            assertThat(m.kind()).isEqualTo(Mismatch.Kind.DIFFERS);
        });

        VerifyOutcome repaired = fixture.verifier().verify(Optional.empty(), true, Progress.Listener.NONE);
        assertThat(repaired.repaired()).isEqualTo(1);
        assertThat(fixture.verifier()
                        .verify(Optional.empty(), false, Progress.Listener.NONE)
                        .consistent())
                .isTrue();
    }

    @Test
    @Order(3)
    void a_sample_verifies_at_most_that_many_streams() {
        placeOrders(3);
        fixture.project();

        VerifyOutcome sampled = fixture.verifier().verify(Optional.of(2L), false, Progress.Listener.NONE);

        assertThat(sampled.streams()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void an_interrupted_rebuild_continues_from_its_checkpoint() throws Exception {
        List<String> orders = placeOrders(8);
        fixture.project();
        for (String orderId : orders) {
            alterStatus(fixture.base.orderSummary(), orderId, "CANCELLED");
        }
        OrderReadModelRebuild rebuild = fixture.rebuild(checkpoints, 1, 3);
        AtomicLong pages = new AtomicLong();

        assertThatThrownBy(() -> rebuild.truncate(p -> {
                    if (pages.incrementAndGet() == 2) {
                        throw new IllegalStateException("Ctrl-C");
                    }
                }))
                .hasMessage("Ctrl-C");
        try (var files = Files.list(checkpoints)) {
            assertThat(files.toList()).singleElement();
        }

        List<Progress> resumed = new CopyOnWriteArrayList<>();
        RebuildOutcome outcome = rebuild.truncate(resumed::add);

        assertThat(outcome.complete()).isTrue();
        for (String orderId : orders) {
            assertThat(summary(fixture.base.orderSummary(), orderId))
                    .map(ProjectedOrder::state)
                    .contains(fixture.fold(orderId).state());
        }
        // the pages checkpointed before the interruption are not folded again, the rest all are
        RebuildOutcome full = fixture.rebuild(checkpoints, 1, 3).truncate(Progress.Listener.NONE);
        assertThat(outcome.events()).isLessThan(full.events());
        assertThat(outcome.streams()).isEqualTo(full.streams());
        assertThat(resumed.getLast().streamsDone()).isEqualTo(full.streams());
        try (var files = Files.list(checkpoints)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    @Order(5)
    void a_blue_green_rebuild_switches_readers_with_no_error_and_no_version_going_backwards() throws Exception {
        List<String> orders = placeOrders(10);
        fixture.project();
        GenerationPointers readerPointers = fixture.pointers();
        ReadModelStore reads = new ReadModelStore(fixture.emulator.dynamoDb(), readerPointers);
        Map<String, Long> seen = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong readsMade = new AtomicLong();

        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> reader = threads.submit(() -> {
                while (!done.get()) {
                    for (String orderId : orders) {
                        try {
                            Optional<ProjectedOrder> order = reads.load(orderId);
                            long version = order.map(ProjectedOrder::version).orElse(0L);
                            Long before = seen.put(orderId, version);
                            if (before != null && version < before) {
                                problems.add(orderId + " went from v" + before + " to v" + version);
                            }
                            readsMade.incrementAndGet();
                        } catch (RuntimeException e) {
                            problems.add(orderId + ": " + e);
                        }
                    }
                }
            });
            Future<RebuildOutcome> rebuilt =
                    threads.submit(() -> fixture.rebuild(checkpoints, 2, 4).blueGreen(Progress.Listener.NONE));
            List<String> changed = new ArrayList<>();
            RebuildOutcome outcome;
            try {
                // the command side and the projector carry on during the rebuild
                while (!rebuilt.isDone() && changed.size() < 1_000) {
                    // placeOrders leaves the odd ones placed, so they still take items
                    String orderId = orders.get(1 + 2 * (changed.size() % (orders.size() / 2)));
                    fixture.addItem(orderId, "EXTRA-" + changed.size());
                    changed.add(orderId);
                    fixture.project();
                }
                outcome = rebuilt.get(2, TimeUnit.MINUTES);
                fixture.project();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> readerPointers.current().live() == outcome.generation());
            } finally {
                done.set(true); // whatever failed, the reader stops, or closing the pool would wait for it
            }
            reader.get();

            assertThat(outcome.generation()).isEqualTo(2);
            assertThat(outcome.complete()).isTrue();
            assertThat(changed).isNotEmpty();
        }
        assertThat(problems).isEmpty();
        assertThat(readsMade.get()).isGreaterThan(orders.size());
        GenerationPointer pointer = fixture.pointers().read();
        assertThat(pointer.live()).isEqualTo(2);
        assertThat(pointer.retiring()).isEqualTo(1);
        for (String orderId : orders) {
            assertThat(summary(fixture.base.generation(2).orderSummary(), orderId))
                    .map(ProjectedOrder::state)
                    .contains(fixture.fold(orderId).state());
        }
        assertThat(fixture.verifier()
                        .verify(Optional.empty(), false, Progress.Listener.NONE)
                        .mismatches())
                .isEmpty();
    }

    @Test
    @Order(6)
    void a_backfilled_projection_is_filled_from_the_log_while_the_projector_follows_the_streams_that_move()
            throws Exception {
        List<String> orders = placeOrders(6);
        fixture.project();
        // a new projection: deployed with the projector, empty for every order placed before it
        var live = fixture.base.generation(fixture.pointers().read().live());
        for (String orderId : orders) {
            var item = dev.eventline.ordering.readmodel.CustomerOrderItem.of(
                            fixture.fold(orderId).state(), fixture.fold(orderId).version())
                    .orElseThrow();
            fixture.emulator
                    .dynamoDb()
                    .deleteItem(r -> r.tableName(live.ordersByCustomer())
                            .key(Map.of(
                                    "customerId", AttributeValue.fromS(item.customerId()),
                                    "sortKey", AttributeValue.fromS(item.sortKey()))));
        }
        // one order moves on before the backfill reaches it: the projector writes it at its new version
        fixture.addItem(orders.get(1), "LATE-1");
        fixture.project();

        RebuildOutcome outcome = fixture.rebuild(checkpoints, 2, 4)
                .backfill(BackfilledProjection.ORDERS_BY_CUSTOMER, Progress.Listener.NONE);

        assertThat(outcome.complete()).isTrue();
        VerifyOutcome verified = fixture.verifier().verify(Optional.empty(), false, Progress.Listener.NONE);
        assertThat(verified.mismatches()).isEmpty();
    }

    @Test
    @Order(7)
    void a_replaced_generation_is_retired_only_after_its_grace_period_and_generation_1_is_emptied_never_dropped()
            throws Exception {
        List<String> orders = placeOrders(3);
        fixture.project();
        GenerationPointer before = fixture.pointers().read();
        assertThat(before.live()).isEqualTo(2);
        assertThat(fixture.rebuild(checkpoints, 2, 4).retireExpired()).isEmpty();
        assertThatThrownBy(() -> fixture.rebuild(checkpoints, 2, 4).blueGreen(Progress.Listener.NONE))
                .hasMessageContaining("still retiring");

        Clock later = Clock.offset(fixture.clock, Duration.ofMinutes(16));
        OrderReadModelRebuild operator = fixture.rebuild(checkpoints, 2, 4, later, Duration.ZERO);
        assertThat(operator.retireExpired()).contains(1L);
        assertThat(summary(fixture.base.orderSummary(), orders.getFirst())).isEmpty();
        assertThat(fixture.pointers().read().live()).isEqualTo(2); // the pointer item itself survives

        RebuildOutcome third = operator.blueGreen(Progress.Listener.NONE);
        assertThat(third.generation()).isEqualTo(3);
        assertThat(operator.retireExpired()).contains(2L);
        assertThatThrownBy(() -> fixture.emulator
                        .dynamoDb()
                        .describeTable(
                                r -> r.tableName(fixture.base.generation(2).orderSummary())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(fixture.pointers().read().written()).containsExactly(3L);
        assertThat(fixture.verifier()
                        .verify(Optional.empty(), false, Progress.Listener.NONE)
                        .mismatches())
                .isEmpty();
    }

    private List<String> placeOrders(int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = fixture.placeOrder();
            if (i % 2 == 0) {
                fixture.addItem(orderId, "SKU-2");
                fixture.confirm(orderId);
            }
            orders.add(orderId);
        }
        return orders;
    }

    private Optional<ProjectedOrder> summary(String table, String orderId) {
        var response = fixture.emulator
                .dynamoDb()
                .getItem(r ->
                        r.tableName(table).key(OrderSummaryItem.key(orderId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderSummaryItem.fromItem(response.item()))
                : Optional.empty();
    }

    private void alterStatus(String table, String orderId, String status) {
        fixture.emulator
                .dynamoDb()
                .updateItem(r -> r.tableName(table)
                        .key(OrderSummaryItem.key(orderId))
                        .updateExpression("SET #s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))));
    }
}
