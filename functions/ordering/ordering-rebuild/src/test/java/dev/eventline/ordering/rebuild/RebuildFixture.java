package dev.eventline.ordering.rebuild;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamTail;
import dev.eventline.testsupport.Emulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders appended through the command side, the real projector fed from the emulator's stream, and
 * the rebuild and verifier wired to the same tables, as the CLI wires them. Everything reads the
 * system clock, as the emulator's stream does.
 */
final class RebuildFixture {
    final Emulator emulator;
    final Clock clock = Clock.systemUTC();
    final Map<String, String> environment;
    final ReadModelTables base;
    final String eventsTable;
    final DynamoDbEventStore store;
    final OrderCommands commands;
    final StreamTail tail;
    final ProjectionHandler projector;

    RebuildFixture(Emulator emulator) {
        this.emulator = emulator;
        this.environment = emulator.environmentOf(ProjectionHandler.class);
        LambdaEnvironment env = new LambdaEnvironment(environment);
        this.base = ReadModelTables.fromEnvironment(env);
        this.eventsTable = environment.get("EVENTS_TABLE");
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), eventsTable, "unused", clock);
        this.commands = OrderCommands.create(store, clock);
        this.tail = new StreamTail(emulator.streams(), emulator.resources().streamArn(eventsTable));
        tail.skipToEnd();
        this.projector = new ProjectionHandler(env, new AwsClients(env), clock);
    }

    /** A pointer cache as short as a test can afford to wait out. */
    GenerationPointers pointers() {
        return new GenerationPointers(emulator.dynamoDb(), base, clock, Duration.ofMillis(500));
    }

    OrderReadModelRebuild rebuild(Path checkpoints, int segments, int pageLimit) {
        return rebuild(checkpoints, segments, pageLimit, clock, Duration.ofMinutes(15));
    }

    /** @param at the operator's clock (moved ahead to pass a grace period) */
    OrderReadModelRebuild rebuild(Path checkpoints, int segments, int pageLimit, Clock at, Duration grace) {
        return new OrderReadModelRebuild(
                emulator.dynamoDb(),
                eventsTable,
                new GenerationPointers(emulator.dynamoDb(), base, at, Duration.ofMillis(500)),
                at,
                new RebuildOptions(segments, pageLimit, checkpoints, grace),
                d -> Thread.sleep(d.toMillis()));
    }

    OrderReadModelVerifier verifier() {
        return new OrderReadModelVerifier(emulator.dynamoDb(), eventsTable, pointers(), clock, 2);
    }

    String placeOrder() {
        String orderId = "o-" + UUID.randomUUID();
        handle(new PlaceOrder(
                orderId,
                "c-" + orderId.substring(2, 8),
                "EUR",
                List.of(new OrderLine("SKU-1", 1, 1000)),
                clock.instant()));
        return orderId;
    }

    void addItem(String orderId, String sku) {
        handle(new AddItem(orderId, sku, 1, 250, clock.instant()));
    }

    void confirm(String orderId) {
        handle(new ConfirmOrder(orderId, clock.instant()));
    }

    private void handle(dev.eventline.ordering.OrderCommand command) {
        String id = UUID.randomUUID().toString();
        commands.handle(
                command,
                new CommandContext(id, "corr-" + id, id, null, "tester", clock.instant()),
                Expectation.any(),
                Optional.empty());
    }

    /** Feeds everything appended since the last call to the projector, as Lambda would. */
    void project() {
        StreamEvent event = SdkRecords.toStreamEvent(tail.poll(), tail.streamArn());
        if (!event.records().isEmpty()) {
            var response = projector.handleRequest(event, null);
            if (!response.batchItemFailures().isEmpty()) {
                throw new AssertionError("the projector reported " + response.batchItemFailures());
            }
        }
    }

    /** The fold of an order's stream: what every read model must agree with. */
    StreamFold.Folded<OrderState> fold(String orderId) {
        List<RecordedEvent> events = new ArrayList<>(store.readAfter(OrderCommands.streamId(orderId), 0));
        StreamFold<?, OrderState> fold = new StreamFold<>(new OrderEventCodec(), OrderDecider.INSTANCE);
        return fold.fold(fold.initial(OrderCommands.streamId(orderId)), events);
    }
}
