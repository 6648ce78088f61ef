package dev.eventline.ordering.projector;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.DailySalesItem;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamRecords;
import dev.eventline.streams.StreamTail;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The projector wired to the emulator as Lambda would run it (the template's environment), with
 * the test's eyes on it: a capacity meter and a per-table write counter on its client, its log and
 * metric lines, the events table's stream, and readers for the three read models. Appends and the
 * projector read the system clock, as the emulator's stream does.
 */
final class ProjectorHarness {
    static final String DEAD_LETTER_QUEUE = "eventline-dev-ordering-projector-dlq";

    final Emulator emulator;
    final Map<String, String> environment;
    final Clock clock = Clock.systemUTC();
    final CapacityMeter meter = new CapacityMeter();
    final TableWrites writes = new TableWrites();
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final List<String> metricLines = new CopyOnWriteArrayList<>();
    final DynamoDbEventStore store;
    final StreamTail tail;
    final ProjectionHandler handler;
    private final EventCodec<OrderEvent> codec = new OrderEventCodec();

    ProjectorHarness(Emulator emulator, EventCodec<OrderEvent> projectorCodec) {
        this(emulator, projectorCodec, Map.of());
    }

    /** {@code extraEnvironment}: variables the templates do not set (yet), e.g. server push's. */
    ProjectorHarness(Emulator emulator, EventCodec<OrderEvent> projectorCodec, Map<String, String> extraEnvironment) {
        this.emulator = emulator;
        Map<String, String> env = new HashMap<>(emulator.environmentOf(ProjectionHandler.class));
        env.putAll(extraEnvironment);
        env.put("DEAD_LETTER_QUEUE", DEAD_LETTER_QUEUE);
        env.put("MAX_RECORD_ATTEMPTS", "3");
        env.put("POWERTOOLS_SERVICE_NAME", "ordering-projector");
        this.environment = Map.copyOf(env);
        LambdaEnvironment lambdaEnv = new LambdaEnvironment(environment);
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), environment.get("EVENTS_TABLE"), "unused", clock);
        this.tail = new StreamTail(emulator.streams(), emulator.resources().streamArn(environment.get("EVENTS_TABLE")));
        tail.skipToEnd();
        Observability observability = new Observability(
                StructuredLogger.create("ordering-projector", StructuredLogger.Level.DEBUG, logLines::add, clock),
                new EmfMetrics("Eventline/test", "ordering-projector", metricLines::add, clock, true),
                // spans built and exported to nowhere: tracing is on the path without a collector
                Tracing.exportingTo(SpanExporter.composite(), clock, "ordering-projector"));
        this.handler = new ProjectionHandler(
                lambdaEnv, new AwsClients(lambdaEnv, meter, writes), projectorCodec, clock, observability);
    }

    ProjectorHarness(Emulator emulator) {
        this(emulator, new OrderEventCodec());
    }

    static String newOrderId() {
        return "o-" + UUID.randomUUID();
    }

    /**
     * Appends the story's events not yet in the store as the command side would: one command, one
     * event, one conditional PutItem each. (Also kind to moto, whose TransactWriteItems deep-copies
     * every table and so slows down as a test run fills them.)
     */
    List<RecordedEvent> append(OrderStory story) {
        String streamId = OrderCommands.streamId(story.orderId());
        long version = store.readAfter(streamId, 0).size();
        List<OrderEvent> events = story.events();
        List<RecordedEvent> appended = new ArrayList<>();
        for (OrderEvent event : events.subList((int) version, events.size())) {
            appended.addAll(
                    store.append(streamId, version++, List.of(newEvent(event))).events());
        }
        return appended;
    }

    NewEvent newEvent(OrderEvent event) {
        EventCodec.EncodedEvent encoded = codec.encode(event);
        String commandId = UUID.randomUUID().toString();
        return new NewEvent(
                UUID.randomUUID().toString(),
                encoded.type(),
                encoded.schemaVersion(),
                encoded.data(),
                new EventMetadata(
                        commandId,
                        "corr-" + event.orderId(),
                        commandId,
                        "Root=1-67890abc-0123456789abcdef01234567;Sampled=1",
                        "tester",
                        clock.instant()));
    }

    /** Every stream record appended since the last call, as Lambda would deliver them, in shard order. */
    List<ChangeRecord> newRecords() {
        return SdkRecords.toStreamEvent(tail.poll(), tail.streamArn()).records();
    }

    /** Only the records of these orders (other tests' leftovers filtered out). */
    List<ChangeRecord> newRecords(Set<String> orderIds) {
        return newRecords().stream()
                .filter(r -> StreamRecords.streamIdOf(r)
                        .map(s -> orderIds.contains(s.substring("Order-".length())))
                        .orElse(false))
                .toList();
    }

    BatchResponse project(List<ChangeRecord> records) {
        StreamEvent event = new StreamEvent(records);
        return handler.handleRequest(event, null);
    }

    Optional<ProjectedOrder> summary(String orderId) {
        var response = emulator.dynamoDb()
                .getItem(r -> r.tableName(environment.get("ORDER_SUMMARY_TABLE"))
                        .key(OrderSummaryItem.key(orderId))
                        .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(OrderSummaryItem.fromItem(response.item()))
                : Optional.empty();
    }

    List<CustomerOrderItem> customerOrders(String customerId) {
        QueryResponse response = emulator.dynamoDb()
                .query(r -> r.tableName(environment.get("ORDERS_BY_CUSTOMER_TABLE"))
                        .keyConditionExpression("customerId = :c")
                        .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                        .scanIndexForward(false)
                        .consistentRead(true));
        return response.items().stream().map(CustomerOrderItem::fromItem).toList();
    }

    /** ordersPaid and grossAmount of a day and currency; zeros when nothing was counted. */
    long[] dailySales(String day, String currency) {
        var response = emulator.dynamoDb()
                .getItem(r -> r.tableName(environment.get("DAILY_SALES_TABLE"))
                        .key(DailySalesItem.counterKey(day, currency))
                        .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return new long[] {0, 0};
        }
        return new long[] {
            Long.parseLong(response.item().get(DailySalesItem.ORDERS_PAID).n()),
            Long.parseLong(response.item().get(DailySalesItem.GROSS_AMOUNT).n())
        };
    }

    /** The order folded from its stream: what the summary must equal. */
    OrderState fold(String orderId) {
        OrderState state = OrderDecider.INSTANCE.initial();
        for (RecordedEvent event : store.readAfter(OrderCommands.streamId(orderId), 0)) {
            state = OrderDecider.INSTANCE.evolve(state, codec.decode(event));
        }
        return state;
    }

    /** Sum of one metric over the metric lines written so far. */
    long metric(String name) {
        long sum = 0;
        for (String line : metricLines) {
            var json = Json.read(line);
            if (json.has(name)) {
                var value = json.get(name);
                if (value.isArray()) {
                    for (var v : value) {
                        sum += v.asLong();
                    }
                } else {
                    sum += value.asLong();
                }
            }
        }
        return sum;
    }
}
