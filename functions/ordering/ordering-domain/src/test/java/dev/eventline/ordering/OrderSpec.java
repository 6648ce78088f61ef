package dev.eventline.ordering;

import dev.eventline.domain.testkit.DeciderSpec;

/** Given past events, when a command is decided, then these events (or this rule) follow. */
final class OrderSpec {
    static final DeciderSpec<OrderCommand, OrderEvent, OrderState> SPEC = DeciderSpec.of(OrderDecider.INSTANCE);

    private OrderSpec() {}

    static DeciderSpec.Given<OrderCommand, OrderEvent, OrderState> given(OrderEvent... history) {
        return SPEC.given(history);
    }
}
