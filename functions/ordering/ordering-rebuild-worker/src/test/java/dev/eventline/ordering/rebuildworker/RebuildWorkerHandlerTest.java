package dev.eventline.ordering.rebuildworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The worker Lambda against the emulator, wired from the function's template environment, over a
 * real export of the events table (moto writes it to S3 as the service does), invoked with the
 * input shapes the Distributed Map and the CLI send.
 */
@WithEmulator
class RebuildWorkerHandlerTest {
    private final Emulator emulator;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> environment;
    private final LambdaEnvironment env;
    private final S3Client s3;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    RebuildWorkerHandlerTest(Emulator emulator) {
        this.emulator = emulator;
        this.environment = emulator.environmentOf(RebuildWorkerHandler.class);
        this.env = new LambdaEnvironment(environment);
        this.s3 = new AwsClients(env).build(S3Client.builder().forcePathStyle(true));
    }

    @Test
    void a_batch_of_listed_export_files_folds_every_order_into_the_target_generation() {
        List<String> orders = placeOrders(4);
        String bucket = exportEvents();
        ReadModelTables target = newGeneration(2);

        Map<String, Object> summary = handler()
                .handleRequest(
                        Map.of(
                                "Items",
                                dataFiles(bucket).stream()
                                        .map(o -> Map.<String, Object>of("Key", o.key(), "Size", o.size()))
                                        .toList(),
                                "BatchInput",
                                Map.of("bucket", bucket, "targetGeneration", 2)),
                        null);

        // other tests of the class may have placed orders too: the export holds at least these
        assertThat((Long) summary.get("streams")).isGreaterThanOrEqualTo(orders.size());
        assertThat(summary.get("unfoldable")).isEqualTo(0);
        for (String orderId : orders) {
            assertThat(summary(target, orderId)).containsEntry("status", AttributeValue.fromS("PLACED"));
        }
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .contains("\"" + RebuildWorkerHandler.STREAMS + "\"")
                        .contains("\"_aws\""));
    }

    @Test
    void one_file_named_by_the_cli_is_folded_and_a_rerun_of_it_changes_nothing() {
        List<String> orders = placeOrders(2);
        String bucket = exportEvents();
        ReadModelTables target = newGeneration(3);
        RebuildWorkerHandler handler = handler();

        long streams = 0;
        for (S3Object file : dataFiles(bucket)) {
            streams += (Long)
                    handler.handleRequest(Map.of("bucket", bucket, "key", file.key(), "targetGeneration", "3"), null)
                            .get("streams");
        }
        Map<String, AttributeValue> first = summary(target, orders.getFirst());
        for (S3Object file : dataFiles(bucket)) {
            handler.handleRequest(Map.of("bucket", bucket, "key", file.key(), "targetGeneration", 3L), null);
        }

        assertThat(streams).isGreaterThanOrEqualTo(orders.size());
        assertThat(summary(target, orders.getFirst())).isEqualTo(first);
    }

    @Test
    void bad_input_is_refused_before_anything_is_read_or_written() {
        RebuildWorkerHandler handler = handler();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= RebuildWorkerHandler.MAX_FILES; i++) {
            tooMany.add(Map.of("Key", "data/" + i + ".json.gz"));
        }

        assertThatThrownBy(() -> handler.handleRequest(Map.of("bucket", "b", "key", "k", "targetGeneration", 0), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("key", "k", "targetGeneration", 2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
        assertThatThrownBy(
                        () -> handler.handleRequest(Map.of("bucket", "b", "key", "k", "targetGeneration", "two"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("number");
        assertThatThrownBy(() -> handler.handleRequest(
                        Map.of("Items", tooMany, "BatchInput", Map.of("bucket", "b", "targetGeneration", 2)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + RebuildWorkerHandler.MAX_FILES);
        assertThatThrownBy(() -> handler.handleRequest(Map.of("Items", List.of(Map.of("Key", "k"))), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BatchInput");
    }

    @Test
    void a_file_that_cannot_be_read_fails_the_invocation() {
        String bucket = "exports-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));

        assertThatThrownBy(() -> handler()
                        .handleRequest(
                                Map.of("bucket", bucket, "key", "data/missing.json.gz", "targetGeneration", 2), null))
                .isInstanceOf(RuntimeException.class);
    }

    private RebuildWorkerHandler handler() {
        var observability = new Observability(
                StructuredLogger.create("ordering-rebuild-worker", StructuredLogger.Level.INFO, lines::add, clock),
                new EmfMetrics("Eventline/test", "ordering-rebuild-worker", lines::add, clock, true),
                Tracing.disabled());
        return new RebuildWorkerHandler(env, new AwsClients(env), observability, clock);
    }

    private List<String> placeOrders(int count) {
        var commands = OrderCommands.create(
                new DynamoDbEventStore(emulator.dynamoDb(), environment.get("EVENTS_TABLE"), "unused", clock), clock);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = "o-" + UUID.randomUUID();
            String id = UUID.randomUUID().toString();
            commands.handle(
                    new PlaceOrder(orderId, "c-" + i, "EUR", List.of(new OrderLine("SKU-1", 1, 1000)), clock.instant()),
                    new CommandContext(id, "corr-" + id, id, null, "tester", clock.instant()),
                    Expectation.any(),
                    Optional.empty());
            orders.add(orderId);
        }
        return orders;
    }

    /** Exports the events table as the CLI does and returns the bucket; the data files lie under data/. */
    private String exportEvents() {
        var dynamoDb = emulator.dynamoDb();
        String eventsTable = environment.get("EVENTS_TABLE");
        dynamoDb.updateContinuousBackups(r ->
                r.tableName(eventsTable).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        String bucket = "exports-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        String tableArn =
                dynamoDb.describeTable(r -> r.tableName(eventsTable)).table().tableArn();
        String exportArn = dynamoDb.exportTableToPointInTime(r -> r.tableArn(tableArn)
                        .s3Bucket(bucket)
                        .s3Prefix("exports")
                        .exportFormat(ExportFormat.DYNAMODB_JSON))
                .exportDescription()
                .exportArn();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> dynamoDb.describeExport(r -> r.exportArn(exportArn))
                                .exportDescription()
                                .exportStatus(),
                        status -> status != ExportStatus.IN_PROGRESS);
        assertThat(dynamoDb.describeExport(r -> r.exportArn(exportArn))
                        .exportDescription()
                        .exportStatus())
                .isEqualTo(ExportStatus.COMPLETED);
        return bucket;
    }

    /** What the map's S3 item reader lists: the objects under the export's data/ prefix. */
    private List<S3Object> dataFiles(String bucket) {
        List<S3Object> files =
                s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("exports/AWSDynamoDB/")).contents().stream()
                        .filter(o -> o.key().contains("/data/"))
                        .toList();
        assertThat(files).isNotEmpty();
        return files;
    }

    private ReadModelTables newGeneration(long generation) {
        ReadModelTables base = ReadModelTables.fromEnvironment(env);
        ReadModelTables target = base.generation(generation);
        createLike(base.orderSummary(), target.orderSummary());
        createLike(base.ordersByCustomer(), target.ordersByCustomer());
        return target;
    }

    /** What the CLI's blue-green step does before the map runs: the generation's tables, shaped as the base. */
    private void createLike(String template, String name) {
        var dynamoDb = emulator.dynamoDb();
        TableDescription model =
                dynamoDb.describeTable(r -> r.tableName(template)).table();
        dynamoDb.createTable(r -> {
            r.tableName(name)
                    .keySchema(model.keySchema())
                    .attributeDefinitions(model.attributeDefinitions())
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (model.hasGlobalSecondaryIndexes()
                    && !model.globalSecondaryIndexes().isEmpty()) {
                r.globalSecondaryIndexes(model.globalSecondaryIndexes().stream()
                        .map(i -> GlobalSecondaryIndex.builder()
                                .indexName(i.indexName())
                                .keySchema(i.keySchema())
                                .projection(i.projection())
                                .build())
                        .toList());
            }
        });
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    private Map<String, AttributeValue> summary(ReadModelTables target, String orderId) {
        return emulator.dynamoDb()
                .getItem(r -> r.tableName(target.orderSummary())
                        .key(OrderSummaryItem.key(orderId))
                        .consistentRead(true))
                .item();
    }
}
