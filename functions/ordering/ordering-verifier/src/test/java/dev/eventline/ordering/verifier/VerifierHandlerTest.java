package dev.eventline.ordering.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The verifier Lambda against the emulator, wired from the function's template environment. The
 * read models start empty (no projector runs here): every order placed is first missing, then
 * repaired, then consistent until an item is altered by hand. One emulator for the class, so the
 * runs are ordered.
 */
@WithEmulator
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifierHandlerTest {
    private static final List<String> ORDERS = new ArrayList<>();

    private final Emulator emulator;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> environment;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    VerifierHandlerTest(Emulator emulator) {
        this.emulator = emulator;
        this.environment = emulator.environmentOf(VerifierHandler.class);
    }

    @Test
    @Order(1)
    void orders_missing_from_the_read_models_are_counted_and_named_without_being_repaired() {
        var commands = OrderCommands.create(
                new DynamoDbEventStore(emulator.dynamoDb(), environment.get("EVENTS_TABLE"), "unused", clock), clock);
        for (int i = 0; i < 3; i++) {
            String orderId = "o-" + UUID.randomUUID();
            String id = UUID.randomUUID().toString();
            commands.handle(
                    new PlaceOrder(orderId, "c-" + i, "EUR", List.of(new OrderLine("SKU-1", 1, 1000)), clock.instant()),
                    new CommandContext(id, "corr-" + id, id, null, "tester", clock.instant()),
                    Expectation.any(),
                    Optional.empty());
            ORDERS.add(orderId);
        }

        Map<String, Object> summary = handler(false).handleRequest(Map.of(), null);

        assertThat((Long) summary.get("mismatches")).isGreaterThanOrEqualTo(3);
        assertThat((Long) summary.get("repaired")).isZero();
        assertThat(summary.get("mismatchedStreams").toString()).contains(ORDERS);
        assertThat(metric(VerifierHandler.MISMATCHES)).isGreaterThanOrEqualTo(3);
        assertThat(lines)
                .filteredOn(line -> line.contains("read model differs"))
                .anySatisfy(line -> assertThat(line).contains(ORDERS.getFirst()).contains("MISSING"));
        assertThat(item(ORDERS.getFirst())).isEmpty();
    }

    @Test
    @Order(2)
    void with_repair_the_items_are_rewritten_to_their_fold_and_the_next_run_finds_nothing() {
        Map<String, Object> repairing = handler(true).handleRequest(Map.of(), null);
        assertThat((Long) repairing.get("repaired")).isGreaterThanOrEqualTo(3);
        assertThat(item(ORDERS.getFirst())).isNotEmpty();

        lines.clear();
        Map<String, Object> after = handler(false).handleRequest(Map.of(), null);

        assertThat(after.get("mismatches")).isEqualTo(0L);
        assertThat(metric(VerifierHandler.MISMATCHES)).isZero();
        assertThat(metric(VerifierHandler.VERIFIED)).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(3)
    void an_altered_item_is_reported_by_its_stream_and_left_alone_without_repair() {
        String altered = ORDERS.get(1);
        emulator.dynamoDb()
                .updateItem(r -> r.tableName(tables().orderSummary())
                        .key(OrderSummaryItem.key(altered))
                        .updateExpression("SET #s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("CANCELLED"))));

        Map<String, Object> summary = handler(false).handleRequest(Map.of(), null);

        assertThat(summary.get("mismatches")).isEqualTo(1L);
        assertThat(summary.get("mismatchedStreams").toString()).contains(altered);
        assertThat(metric(VerifierHandler.MISMATCHES)).isEqualTo(1);
        assertThat(item(altered).get("status").s()).isEqualTo("CANCELLED");
    }

    private VerifierHandler handler(boolean repair) {
        var variables = new HashMap<>(environment);
        variables.put("VERIFY_REPAIR", Boolean.toString(repair));
        variables.put("VERIFY_SAMPLE", "0");
        LambdaEnvironment env = new LambdaEnvironment(variables);
        var observability = new Observability(
                StructuredLogger.create("ordering-verifier", StructuredLogger.Level.INFO, lines::add, clock),
                new EmfMetrics("Eventline/test", "ordering-verifier", lines::add, clock, true),
                Tracing.disabled());
        return new VerifierHandler(env, new AwsClients(env), observability, clock);
    }

    private ReadModelTables tables() {
        return ReadModelTables.fromEnvironment(new LambdaEnvironment(environment));
    }

    private Map<String, AttributeValue> item(String orderId) {
        return emulator.dynamoDb()
                .getItem(r -> r.tableName(tables().orderSummary())
                        .key(OrderSummaryItem.key(orderId))
                        .consistentRead(true))
                .item();
    }

    /** The value of {@code name} in the last EMF line that carries it. */
    private long metric(String name) {
        return lines.stream()
                .filter(line -> line.contains("\"_aws\"") && line.contains("\"" + name + "\""))
                .reduce((first, second) -> second)
                .map(line -> {
                    var matcher = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)")
                            .matcher(line);
                    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1L;
                })
                .orElse(-1L);
    }
}
