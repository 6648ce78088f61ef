package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Policies.tableId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Policies;
import dev.eventline.infrastructure.support.Policies.Statement;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DistributedRebuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ForEachEnvironment
    void a_distributed_map_lists_the_exports_data_files_and_runs_the_worker_at_its_reserved_concurrency(String env)
            throws Exception {
        var synthesized = Synthesized.environment(env);
        var machine = properties(resource(
                synthesized.ordering(),
                "AWS::StepFunctions::StateMachine",
                "StateMachineName",
                synthesized.names().orderingRebuildStateMachine()));
        JsonNode definition = definition(machine);
        JsonNode map = definition.path("States").path(definition.path("StartAt").asText());
        int reserved = synthesized
                .config()
                .sizing(FunctionSpec.ORDERING_REBUILD_WORKER)
                .reservedConcurrency();

        assertThat(map.path("Type").asText()).isEqualTo("Map");
        assertThat(map.path("ItemProcessor")
                        .path("ProcessorConfig")
                        .path("Mode")
                        .asText())
                .isEqualTo("DISTRIBUTED");
        assertThat(map.path("ItemReader").path("Resource").asText()).endsWith(":states:::s3:listObjectsV2");
        assertThat(map.path("ItemReader").path("Parameters").path("Prefix.$").asText())
                .isEqualTo("$.dataPrefix");
        assertThat(map.path("ItemSelector").path("key.$").asText()).isEqualTo("$$.Map.Item.Value.Key");
        assertThat(map.path("ItemSelector").path("targetGeneration.$").asText()).isEqualTo("$.targetGeneration");
        assertThat(map.path("MaxConcurrency").asInt()).isEqualTo(reserved).isPositive();
        // absent is Step Functions' default, 0: one failed child fails the execution
        assertThat(map.path("ToleratedFailurePercentage").asInt(0)).isZero();
        assertThat(map.has("ToleratedFailureCount")).isFalse();
        JsonNode child = map.path("ItemProcessor").path("States").path("FoldExportFile");
        assertThat(child.toString()).contains("LiveAlias").contains("Lambda.TooManyRequestsException");
        assertThat(JSON.valueToTree(machine.get("TracingConfiguration")).toString())
                .isEqualTo("{\"Enabled\":true}");
        var logging = JSON.valueToTree(machine.get("LoggingConfiguration"));
        assertThat(logging.path("Level").asText()).isEqualTo("ALL");
        assertThat(logging.path("IncludeExecutionData").asBoolean()).isFalse();
        assertThat(logging.path("Destinations").toString()).contains("StateMachineLogs");
    }

    @ForEachEnvironment
    void the_export_bucket_is_private_encrypted_tls_only_logged_and_expires_exports(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        var buckets = ordering.findResources(
                "AWS::S3::Bucket",
                Match.objectLike(
                        Map.of("Properties", Match.objectLike(Map.of("LoggingConfiguration", Match.anyValue())))));
        assertThat(buckets).hasSize(1);
        String bucket = JSON.valueToTree(buckets.values().iterator().next()).toString();

        assertThat(bucket)
                .contains("rebuild-exports-")
                .contains("\"SSEAlgorithm\":\"AES256\"")
                .contains("\"BlockPublicAcls\":true")
                .contains("\"RestrictPublicBuckets\":true")
                .contains("\"ExpirationInDays\":" + DistributedRebuild.EXPORT_RETENTION_DAYS)
                .contains("\"DestinationBucketName\"");
        ordering.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @ForEachEnvironment
    void the_worker_queries_events_reads_the_pointer_writes_only_generations_and_reads_export_objects(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        String worker = names.function(FunctionSpec.ORDERING_REBUILD_WORKER);
        List<Statement> statements = Policies.ofFunction(ordering, worker);

        assertThat(statements)
                .filteredOn(s -> s.appliesTo(tableId(ordering, names.orderingEventsTable())))
                .singleElement()
                .satisfies(s -> assertThat(s.actions()).containsExactly("dynamodb:GetItem", "dynamodb:Query"));
        assertThat(statements)
                .filteredOn(s -> s.appliesTo(tableId(ordering, names.orderSummaryTable())))
                .singleElement()
                .satisfies(s -> assertThat(s.actions()).containsExactly("dynamodb:GetItem", "dynamodb:Query"));
        for (String table : List.of(names.orderSummaryTable(), names.ordersByCustomerTable())) {
            assertThat(LeastPrivilegeTest.generationStatementsOf(ordering, worker, table))
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions())
                            .containsExactly(
                                    "dynamodb:GetItem",
                                    "dynamodb:PutItem",
                                    "dynamodb:UpdateItem",
                                    "dynamodb:ConditionCheckItem"));
        }
        assertThat(statements)
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("s3:")))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.actions()).containsExactly("s3:GetObject");
                    assertThat(s.resources())
                            .contains("DistributedRebuildExports")
                            .endsWith("/*\"]]}");
                });
        assertThat(statements)
                .filteredOn(Statement::onAnyResource)
                .allSatisfy(s -> assertThat(s.actions()).allMatch(a -> a.startsWith("xray:")));
        assertThat(statements).noneMatch(s -> s.appliesTo(tableId(ordering, names.dailySalesTable())));
        var function = properties(resource(ordering, "AWS::Lambda::Function", "FunctionName", worker));
        assertThat(function.get("ReservedConcurrentExecutions"))
                .isEqualTo(synthesized
                        .config()
                        .sizing(FunctionSpec.ORDERING_REBUILD_WORKER)
                        .reservedConcurrency());
    }

    @ForEachEnvironment
    void the_state_machine_lists_the_bucket_and_invokes_only_the_workers_alias(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        List<Statement> statements = Policies.all(ordering);

        assertThat(statements)
                .filteredOn(s -> s.actions().contains("s3:ListBucket"))
                .singleElement()
                .satisfies(s -> assertThat(s.resources()).contains("DistributedRebuildExports"));
        assertThat(statements)
                .filteredOn(s -> s.actions().contains("lambda:InvokeFunction")
                        && s.resources().contains("DistributedRebuildWorker"))
                .singleElement()
                .satisfies(s -> assertThat(s.resources()).contains("LiveAlias"));
    }

    @ForEachEnvironment
    void a_failed_or_timed_out_rebuild_alarms_the_alarm_topic(String env) {
        var synthesized = Synthesized.environment(env);
        for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut")) {
            synthesized
                    .ordering()
                    .hasResourceProperties(
                            "AWS::CloudWatch::Alarm",
                            Match.objectLike(Map.of(
                                    "MetricName",
                                    metric,
                                    "Namespace",
                                    "AWS/States",
                                    "Statistic",
                                    "Sum",
                                    "Threshold",
                                    0,
                                    "EvaluationPeriods",
                                    1,
                                    "AlarmActions",
                                    Match.anyValue())));
        }
    }

    private static JsonNode definition(Map<String, Object> machine) throws Exception {
        // the definition is a Fn::Join of text and references: the references become their logical ids
        JsonNode join = JSON.valueToTree(machine.get("DefinitionString"))
                .path("Fn::Join")
                .path(1);
        StringBuilder text = new StringBuilder();
        for (JsonNode part : join) {
            text.append(part.isTextual() ? part.asText() : part.toString().replace("\"", ""));
        }
        return JSON.readTree(text.toString());
    }
}
