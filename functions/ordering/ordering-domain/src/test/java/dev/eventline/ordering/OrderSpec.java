package dev.eventline.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eventline.domain.RuleViolation;
import java.util.ArrayList;
import java.util.List;

/** Given past events, when a command is decided, then these events (or this rule) follow. */
final class OrderSpec {
    private static final OrderDecider DECIDER = OrderDecider.INSTANCE;

    private final List<OrderEvent> history;
    private OrderCommand command;

    private OrderSpec(List<OrderEvent> history) {
        this.history = history;
    }

    static OrderSpec given(OrderEvent... history) {
        return new OrderSpec(List.of(history));
    }

    OrderSpec when(OrderCommand command) {
        this.command = command;
        return this;
    }

    /** Also folds the new events, so every decided event is proven to evolve; returns the resulting state. */
    OrderState then(OrderEvent... expected) {
        List<OrderEvent> decided = decide();
        assertThat(decided).containsExactly(expected);
        List<OrderEvent> all = new ArrayList<>(history);
        all.addAll(decided);
        return DECIDER.fold(DECIDER.initial(), all);
    }

    void thenNothingHappens() {
        assertThat(decide()).isEqualTo(List.of());
    }

    RuleViolation thenRejectedWith(OrderRule rule) {
        RuleViolation violation = catchThrowableOfType(RuleViolation.class, this::decide);
        assertThat(violation).as("expected %s", rule).isNotNull();
        assertThat(violation.rule()).isEqualTo(rule);
        assertThat(violation.code()).isEqualTo(rule.name());
        assertThat(violation.detail()).isNotBlank();
        return violation;
    }

    private List<OrderEvent> decide() {
        return DECIDER.decide(command, DECIDER.fold(DECIDER.initial(), history));
    }
}
