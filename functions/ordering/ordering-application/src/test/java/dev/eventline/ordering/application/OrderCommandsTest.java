package dev.eventline.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.ExpectedVersionMismatchException;
import dev.eventline.eventstore.Idempotency;
import dev.eventline.eventstore.IdempotencyKeyReusedException;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderRule;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.OrderStatus;
import dev.eventline.ordering.PlaceOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CommandContext CONTEXT = new CommandContext("cmd-1", "corr-1", "cmd-1", null, "user-42", NOW);

    private final InMemoryEventStore store = new InMemoryEventStore(CLOCK);
    private final OrderCommands commands = OrderCommands.create(store, CLOCK);

    private static PlaceOrder place(String orderId) {
        return new PlaceOrder(orderId, "c-1", "EUR", List.of(new OrderLine("SKU-1", 2, 1999)), NOW);
    }

    private static AddItem addItem(String orderId) {
        return new AddItem(orderId, "SKU-2", 1, 500, NOW);
    }

    private static Optional<Idempotency<OrderState>> key(String key, String fingerprint) {
        return Optional.of(new Idempotency<>(
                "ordering:" + key,
                fingerprint,
                Duration.ofHours(24),
                executed -> "response at version " + executed.version()));
    }

    @Test
    void an_order_lives_in_the_stream_named_after_it() {
        CommandResult<OrderState> result = commands.handle(place("o-1"), CONTEXT, Expectation.any(), Optional.empty());

        assertThat(OrderCommands.streamId("o-1")).isEqualTo("Order-o-1");
        assertThat(result).isInstanceOfSatisfying(Executed.class, executed -> {
            assertThat(executed.streamId()).isEqualTo("Order-o-1");
            assertThat(executed.version()).isEqualTo(1);
        });
        assertThat(store.readAfter("Order-o-1", 0))
                .extracting(RecordedEvent::type)
                .containsExactly("OrderPlaced");
        assertThat(store.readAfter("Order-o-1", 0).getFirst().metadata().correlationId())
                .isEqualTo("corr-1");
    }

    @Test
    void an_order_id_outside_the_stream_alphabet_is_a_caller_bug() {
        assertThatThrownBy(() -> OrderCommands.streamId("../o-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rule_violations_reach_the_caller_unchanged() {
        assertThatThrownBy(() ->
                        commands.handle(new ConfirmOrder("missing", NOW), CONTEXT, Expectation.any(), Optional.empty()))
                .isInstanceOfSatisfying(
                        RuleViolation.class, v -> assertThat(v.rule()).isEqualTo(OrderRule.ORDER_NOT_FOUND));
    }

    @Test
    void a_stale_expectation_is_refused() {
        commands.handle(place("o-2"), CONTEXT, Expectation.any(), Optional.empty());
        commands.handle(addItem("o-2"), CONTEXT, Expectation.any(), Optional.empty());

        assertThatThrownBy(() -> commands.handle(
                        new ConfirmOrder("o-2", NOW), CONTEXT, Expectation.exactly(1), Optional.empty()))
                .isInstanceOfSatisfying(
                        ExpectedVersionMismatchException.class,
                        e -> assertThat(e.actualVersion()).isEqualTo(2));
        assertThatThrownBy(() -> commands.handle(
                        new ConfirmOrder("o-2", NOW), CONTEXT, Expectation.exactly(1), key("fresh", "fp")))
                .as("a key never used before does not excuse a stale If-Match")
                .isInstanceOf(ExpectedVersionMismatchException.class);
    }

    @Test
    void a_retried_conditional_command_that_succeeded_is_replayed_not_refused() {
        commands.handle(place("o-3"), CONTEXT, Expectation.any(), Optional.empty());
        commands.handle(addItem("o-3"), CONTEXT, Expectation.exactly(1), key("k-3", "fp-add"));

        CommandResult<OrderState> retry =
                commands.handle(addItem("o-3"), CONTEXT, Expectation.exactly(1), key("k-3", "fp-add"));

        assertThat(retry)
                .isInstanceOfSatisfying(
                        Replayed.class,
                        replayed -> assertThat(replayed.record().response()).isEqualTo("response at version 2"));
        assertThat(store.readAfter("Order-o-3", 0)).hasSize(2);
    }

    @Test
    void a_stale_conditional_command_under_a_key_used_for_another_request_is_a_reused_key() {
        commands.handle(place("o-4"), CONTEXT, Expectation.any(), Optional.empty());
        commands.handle(addItem("o-4"), CONTEXT, Expectation.exactly(1), key("k-4", "fp-add"));

        assertThatThrownBy(() -> commands.handle(
                        new ConfirmOrder("o-4", NOW), CONTEXT, Expectation.exactly(1), key("k-4", "fp-confirm")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(store.readAfter("Order-o-4", 0)).hasSize(2);
    }

    @Test
    void the_state_after_the_command_is_returned() {
        commands.handle(place("o-5"), CONTEXT, Expectation.any(), Optional.empty());

        CommandResult<OrderState> result =
                commands.handle(addItem("o-5"), CONTEXT, Expectation.any(), Optional.empty());

        assertThat(result).isInstanceOfSatisfying(Executed.class, executed -> {
            OrderState state = (OrderState) executed.state();
            assertThat(state.status()).isEqualTo(OrderStatus.PLACED);
            assertThat(state.total()).isEqualTo(2 * 1999 + 500);
        });
    }
}
