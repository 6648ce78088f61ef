package dev.eventline.ops.cli;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.testsupport.Emulator;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders in the emulated dev stack for the CLI's tests: commands handled through the events table,
 * the fold of a stream as the log has it, and an order-summary item as a generation table holds it.
 */
final class LocalOrders {
    final String summaryTable = new ResourceNames("dev").orderSummaryTable();
    private final Emulator emulator;
    private final Clock clock;
    private final DynamoDbEventStore store;
    private final OrderCommands commands;

    LocalOrders(Emulator emulator, Clock clock) {
        this.emulator = emulator;
        this.clock = clock;
        this.store = new DynamoDbEventStore(
                emulator.dynamoDb(), new ResourceNames("dev").orderingEventsTable(), "unused", clock);
        this.commands = OrderCommands.create(store, clock);
    }

    /** {@code AWS_ENDPOINT_URL} of the emulator: what makes the CLI's {@code --local} target it. */
    Map<String, String> localTarget() {
        return Map.of("AWS_ENDPOINT_URL", emulator.endpoint().uri().toString());
    }

    void handle(OrderCommand command) {
        String id = UUID.randomUUID().toString();
        commands.handle(
                command,
                new CommandContext(id, "corr-" + id, id, null, "tester", clock.instant()),
                Expectation.any(),
                Optional.empty());
    }

    OrderState fold(String orderId) {
        String streamId = OrderCommands.streamId(orderId);
        StreamFold<?, OrderState> fold = new StreamFold<>(new OrderEventCodec(), OrderDecider.INSTANCE);
        return fold.fold(fold.initial(streamId), store.readAfter(streamId, 0)).state();
    }

    Optional<ProjectedOrder> summary(String table, String orderId) {
        var response = emulator.dynamoDb()
                .getItem(r ->
                        r.tableName(table).key(OrderSummaryItem.key(orderId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderSummaryItem.fromItem(response.item()))
                : Optional.empty();
    }
}
