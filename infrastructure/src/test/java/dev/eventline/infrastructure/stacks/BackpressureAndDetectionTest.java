package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.EnvironmentPresets;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Resources;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * Backpressure (a backlog or a rebuild cannot take the command API's concurrency, a queue burst scales
 * only so far) and detection (a consumer that stops, a read model that falls behind, raise an alarm).
 */
class BackpressureAndDetectionTest {
    private static final List<FunctionSpec> STREAM_CONSUMERS = List.of(
            FunctionSpec.ORDERING_PROJECTOR, FunctionSpec.ORDERING_PUBLISHER, FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER);

    @ForEachEnvironment
    void every_function_has_the_reserved_concurrency_its_environment_sizes(String env) {
        var synthesized = Synthesized.environment(env);
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            Template template = FunctionsTest.stackOf(synthesized, spec);
            var function = properties(Resources.resource(
                    template,
                    "AWS::Lambda::Function",
                    "FunctionName",
                    synthesized.names().function(spec)));

            assertThat(function.get("ReservedConcurrentExecutions"))
                    .as(spec.name())
                    .isEqualTo(synthesized.config().sizing(spec).reservedConcurrency());
        }
    }

    @ForEachEnvironment
    void the_command_api_keeps_its_share_whatever_the_consumers_do(String env) {
        var config = Synthesized.environment(env).config();
        int reserved = 0;
        for (FunctionSpec spec : config.deployedFunctions()) {
            reserved += config.sizing(spec).reservedConcurrency();
        }

        assertThat(config.sizing(FunctionSpec.ORDERING_COMMAND_API).reservedConcurrency())
                .as("the API's reservation is at least any one consumer's")
                .isGreaterThanOrEqualTo(
                        config.sizing(FunctionSpec.ORDERING_PROJECTOR).reservedConcurrency());
        assertThat(config.sizing(FunctionSpec.ORDERING_PROJECTOR).reservedConcurrency())
                .as("a stream consumer can run one invocation per shard and parallelization slot")
                .isGreaterThanOrEqualTo(config.streams().parallelizationFactor());
        assertThat(config.sizing(FunctionSpec.SHIPPING_NOTIFICATIONS).reservedConcurrency())
                .as("the queue consumer's event source never asks for more than it may run")
                .isGreaterThanOrEqualTo(config.queues().maxConcurrency());
        assertThat(reserved)
                .as("documented in docs/operations.md: reserved in %s", env)
                .isLessThanOrEqualTo(900);
    }

    @ForEachEnvironment
    void the_queue_consumer_scales_to_its_maximum_concurrency_and_no_further(String env) {
        var synthesized = Synthesized.environment(env);
        Template template = synthesized.ordering();

        var mapping = template.findResources(
                "AWS::Lambda::EventSourceMapping",
                Map.of(
                        "Properties",
                        Map.of(
                                "ScalingConfig",
                                Map.of(
                                        "MaximumConcurrency",
                                        synthesized.config().queues().maxConcurrency()))));

        assertThat(mapping).hasSize(1);
    }

    @ForEachEnvironment
    void a_stream_consumer_that_stops_while_events_are_appended_alarms_and_missing_data_breaches(String env) {
        var synthesized = Synthesized.environment(env);
        ResourceNames names = synthesized.names();
        for (FunctionSpec spec : STREAM_CONSUMERS) {
            Template template = FunctionsTest.stackOf(synthesized, spec);
            var alarm = properties(Resources.resource(
                    template, "AWS::CloudWatch::Alarm", "AlarmName", names.alarm(names.function(spec), "stopped")));

            assertThat(alarm.get("TreatMissingData")).isEqualTo("breaching");
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.get("Threshold")).isEqualTo(0);
            assertThat(alarm.get("Metrics").toString())
                    .contains("IF(FILL(appended, 0) > 0 AND FILL(invocations, 0) == 0, 1, 0)")
                    .contains("ConsumedWriteCapacityUnits")
                    .contains("Invocations");
        }
    }

    @ForEachEnvironment
    void a_read_model_behind_its_stream_beyond_the_threshold_alarms(String env) {
        var synthesized = Synthesized.environment(env);
        ResourceNames names = synthesized.names();
        var alarm = properties(Resources.resource(
                synthesized.ordering(),
                "AWS::CloudWatch::Alarm",
                "AlarmName",
                names.alarm(names.orderSummaryTable(), "behind")));

        assertThat(alarm)
                .containsEntry("MetricName", "ProjectionLagMs")
                .containsEntry("Namespace", synthesized.config().metricsNamespace())
                .containsEntry("Statistic", "Maximum")
                .containsEntry("Threshold", (int) synthesized.config().alarms().readModelLagMs())
                .containsEntry("TreatMissingData", "notBreaching");
    }

    @ForEachEnvironment
    void production_reserves_more_than_development(String env) {
        var synthesized = Synthesized.environment(env);
        var dev =
                Synthesized.environment(EnvironmentPresets.DEFAULT_ENVIRONMENT).config();

        assertThat(synthesized
                        .config()
                        .sizing(FunctionSpec.ORDERING_COMMAND_API)
                        .reservedConcurrency())
                .isGreaterThanOrEqualTo(
                        dev.sizing(FunctionSpec.ORDERING_COMMAND_API).reservedConcurrency());
    }
}
