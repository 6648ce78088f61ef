package dev.eventline.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.ExportFileRebuild;
import dev.eventline.ordering.rebuild.ExportRebuildDriver;
import dev.eventline.ordering.rebuild.GenerationFill;
import dev.eventline.ordering.rebuild.OrderReadModelRebuild;
import dev.eventline.ordering.rebuild.Progress;
import dev.eventline.ordering.rebuild.RebuildOptions;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The AWS path of {@code --strategy distributed}, as far as moto runs it: moto's real export, then
 * {@code StartExecution}/{@code DescribeExecution} of a state machine named as the stack names it.
 * moto does not run the definition (an execution stays RUNNING until stopped) and answers no Map run,
 * so this shows the driver's part: the input it starts with, waiting, resuming the same export and
 * execution, failing without a switch, and a new execution over the same export after a failure.
 */
@WithEmulator
class StateMachineFillTest {
    private static final ResourceNames NAMES = new ResourceNames("dev");
    private final Clock clock = Clock.systemUTC();
    private final Emulator emulator;
    private final S3Client s3;
    private final SfnClient sfn;
    private final GenerationPointers pointers;

    @TempDir
    Path checkpoints;

    StateMachineFillTest(Emulator emulator) {
        this.emulator = emulator;
        var endpoint = emulator.endpoint();
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint.uri())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.sfn = SfnClient.builder()
                .endpointOverride(endpoint.uri())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.pointers = new GenerationPointers(
                emulator.dynamoDb(),
                new ReadModelTables(NAMES.orderSummaryTable(), NAMES.ordersByCustomerTable(), NAMES.dailySalesTable()),
                clock,
                Duration.ZERO);
    }

    @Test
    void the_execution_is_started_with_the_exports_data_prefix_resumed_and_a_failed_one_switches_nothing()
            throws Exception {
        var store = new DynamoDbEventStore(emulator.dynamoDb(), NAMES.orderingEventsTable(), "unused", clock);
        var commands = OrderCommands.create(store, clock);
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            commands.handle(
                    new PlaceOrder("o-" + id, "c-1", "EUR", List.of(new OrderLine("SKU-1", 1, 100)), clock.instant()),
                    new CommandContext(id, "corr-" + id, id, null, "tester", clock.instant()),
                    Expectation.any(),
                    Optional.empty());
        }
        emulator.dynamoDb()
                .updateContinuousBackups(r -> r.tableName(NAMES.orderingEventsTable())
                        .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        String bucket = NAMES.rebuildExportBucket("123456789012", "us-east-1");
        s3.createBucket(r -> r.bucket(bucket));
        String stateMachineArn = sfn.createStateMachine(r -> r.name(NAMES.orderingRebuildStateMachine())
                        .roleArn("arn:aws:iam::123456789012:role/rebuild")
                        .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Succeed\"}}}"))
                .stateMachineArn();
        List<String> statuses = new CopyOnWriteArrayList<>();

        // moto keeps the execution RUNNING: the command stops waiting, the rerun waits for the same one
        assertThatThrownBy(() -> run(bucket, stateMachineArn, statuses))
                .isInstanceOfSatisfying(
                        GenerationFill.Incomplete.class,
                        i -> assertThat(i.stillRunning()).isTrue());
        assertThat(statuses).contains("export COMPLETED", "execution RUNNING");
        List<ExecutionListItem> executions = executions(stateMachineArn);
        assertThat(executions).hasSize(1);
        var input = new ObjectMapper()
                .readTree(sfn.describeExecution(
                                r -> r.executionArn(executions.getFirst().executionArn()))
                        .input());
        assertThat(input.path("targetGeneration").asLong()).isEqualTo(2);
        String dataPrefix = input.path("dataPrefix").asText();
        assertThat(dataPrefix)
                .startsWith("exports/" + NAMES.orderingEventsTable() + "/")
                .endsWith("/data/");
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix(dataPrefix)).contents())
                .isNotEmpty();
        assertThat(pointers.read().building()).isEqualTo(2);
        assertThat(pointers.read().live()).isEqualTo(1);

        assertThatThrownBy(() -> run(bucket, stateMachineArn, statuses)).isInstanceOf(GenerationFill.Incomplete.class);
        assertThat(executions(stateMachineArn)).hasSize(1);

        // a stopped (failed) execution: nothing switched, and the next run starts a new one over the same export
        sfn.stopExecution(r -> r.executionArn(executions.getFirst().executionArn()));
        assertThatThrownBy(() -> run(bucket, stateMachineArn, statuses))
                .isInstanceOfSatisfying(
                        GenerationFill.Incomplete.class,
                        i -> assertThat(i.stillRunning()).isFalse())
                .hasMessageContaining("ABORTED")
                .hasMessageContaining("nothing was switched");
        assertThat(pointers.read().live()).isEqualTo(1);
        assertThatThrownBy(() -> run(bucket, stateMachineArn, statuses)).isInstanceOf(GenerationFill.Incomplete.class);
        List<ExecutionListItem> after = executions(stateMachineArn);
        assertThat(after).hasSize(2);
        String newer = after.stream()
                .filter(e -> !e.executionArn().equals(executions.getFirst().executionArn()))
                .findFirst()
                .orElseThrow()
                .executionArn();
        assertThat(new ObjectMapper()
                        .readTree(sfn.describeExecution(r -> r.executionArn(newer))
                                .input())
                        .path("dataPrefix")
                        .asText())
                .isEqualTo(dataPrefix);
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("exports/")).contents().stream()
                        .filter(o -> o.key().contains("/data/"))
                        .count())
                .as("one export, reused")
                .isEqualTo(1);
    }

    private void run(String bucket, String stateMachineArn, List<String> statuses) throws InterruptedException {
        var dynamoDb = emulator.dynamoDb();
        String events = NAMES.orderingEventsTable();
        OrderReadModelRebuild.Sleeper sleeper = d -> Thread.sleep(Math.min(d.toMillis(), 200));
        var driver = new ExportRebuildDriver(
                dynamoDb, s3, events, new ExportFileRebuild(dynamoDb, s3, events, pointers, clock), clock, sleeper);
        var fill = new StateMachineFill(
                driver,
                sfn,
                bucket,
                stateMachineArn,
                Duration.ofSeconds(2),
                Duration.ofMillis(200),
                clock,
                sleeper,
                statuses::add);
        new OrderReadModelRebuild(
                        dynamoDb,
                        events,
                        pointers,
                        clock,
                        new RebuildOptions(1, 100, checkpoints, Duration.ofMinutes(15)),
                        d -> {})
                .blueGreen(fill, Progress.Listener.NONE);
    }

    private List<ExecutionListItem> executions(String stateMachineArn) {
        return sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions();
    }
}
