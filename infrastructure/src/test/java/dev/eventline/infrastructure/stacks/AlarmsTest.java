package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Resources;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AlarmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> alarm(Template template, String alarmName) {
        return properties(Resources.resource(template, "AWS::CloudWatch::Alarm", "AlarmName", alarmName));
    }

    @ForEachEnvironment
    void everyFunctionAlarmsOnErrorsAndThrottles(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        var thresholds = synthesized.config().alarms();
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            Template template = FunctionsTest.stackOf(synthesized, spec);
            String function = logicalId(template, "AWS::Lambda::Function", "FunctionName", names.function(spec));
            assertThat(alarm(template, names.alarm(names.function(spec), "errors")))
                    .containsAllEntriesOf(Map.of(
                            "Namespace",
                            "AWS/Lambda",
                            "MetricName",
                            "Errors",
                            "Statistic",
                            "Sum",
                            "Threshold",
                            thresholds.functionErrors(),
                            "Dimensions",
                            List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function)))));
            assertThat(alarm(template, names.alarm(names.function(spec), "throttles")))
                    .containsAllEntriesOf(Map.of(
                            "Namespace",
                            "AWS/Lambda",
                            "MetricName",
                            "Throttles",
                            "Statistic",
                            "Sum",
                            "Threshold",
                            thresholds.functionThrottles()));
        }
    }

    @ForEachEnvironment
    void streamConsumersAlarmWhenTheirIteratorAgeExceedsTheThreshold(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        for (FunctionSpec spec : List.of(
                FunctionSpec.ORDERING_PROJECTOR,
                FunctionSpec.ORDERING_PUBLISHER,
                FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER,
                FunctionSpec.ACCOUNTS_PROJECTOR)) {
            Template template = FunctionsTest.stackOf(synthesized, spec);
            String function = logicalId(template, "AWS::Lambda::Function", "FunctionName", names.function(spec));
            assertThat(alarm(template, names.alarm(names.function(spec), "iterator-age")))
                    .containsAllEntriesOf(Map.of(
                            "Namespace",
                            "AWS/Lambda",
                            "MetricName",
                            "IteratorAge",
                            "Statistic",
                            "Maximum",
                            "ComparisonOperator",
                            "GreaterThanThreshold",
                            "Threshold",
                            (int) synthesized.config().alarms().iteratorAgeMs(),
                            "Dimensions",
                            List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function)))));
        }
    }

    @ForEachEnvironment
    void everyDeadLetterQueueAlarmsOnItsFirstMessage(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Map<String, Template> queues = Map.of(
                names.orderingProjectorDlq(), synthesized.ordering(),
                names.orderingPublisherDlq(), synthesized.ordering(),
                names.shippingNotificationsDlq(), synthesized.ordering(),
                names.shippingRuleDlq(), synthesized.ordering(),
                names.accountsSnapshotChaserDlq(), synthesized.accounts());
        queues.forEach((queue, template) -> {
            String id = logicalId(template, "AWS::SQS::Queue", "QueueName", queue);
            assertThat(alarm(template, names.alarm(queue, "depth")))
                    .containsAllEntriesOf(Map.of(
                            "Namespace",
                            "AWS/SQS",
                            "MetricName",
                            "ApproximateNumberOfMessagesVisible",
                            "Statistic",
                            "Maximum",
                            "ComparisonOperator",
                            "GreaterThanThreshold",
                            "Threshold",
                            0,
                            "Dimensions",
                            List.of(Map.of(
                                    "Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(id, "QueueName"))))));
        });
    }

    @ForEachEnvironment
    void publishFailuresReportedByThePublisherRaiseAnAlarm(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        assertThat(alarm(
                        synthesized.ordering(),
                        names.alarm(names.function(FunctionSpec.ORDERING_PUBLISHER), "publish-failures")))
                .containsAllEntriesOf(Map.of(
                        "Namespace",
                        "Eventline/" + env,
                        "MetricName",
                        "PublishFailures",
                        "Statistic",
                        "Sum",
                        "Threshold",
                        synthesized.config().alarms().publishFailures(),
                        "Dimensions",
                        List.of(Map.of("Name", "Service", "Value", "ordering-publisher"))));
    }

    @ForEachEnvironment
    void theApiAlarmsOnItsServerErrorRate(String env) {
        var synthesized = Synthesized.environment(env);
        var alarm = alarm(
                synthesized.api(), synthesized.names().alarm(synthesized.names().httpApi(), "5xx-rate"));
        assertThat(alarm)
                .containsEntry("Threshold", synthesized.config().alarms().api5xxRate());
        String metrics = JSON.valueToTree(alarm.get("Metrics")).toString();
        assertThat(metrics)
                .contains("errors / requests")
                .contains("\"MetricName\":\"5xx\"")
                .contains("\"MetricName\":\"Count\"");
    }

    @ForEachEnvironment
    void everyAlarmNotifiesTheAlarmTopicAndOnlyLivenessAlarmsBreachOnMissingData(String env) {
        var synthesized = Synthesized.environment(env);
        String topic = ":sns:\",{\"Ref\":\"AWS::Region\"},\":\",{\"Ref\":\"AWS::AccountId\"},\":"
                + synthesized.names().alarmTopic() + "\"";
        int alarms = 0;
        for (Template template : synthesized.allTemplates()) {
            for (Map<String, Object> alarm :
                    template.findResources("AWS::CloudWatch::Alarm").values()) {
                alarms++;
                var properties = properties(alarm);
                assertThat(JSON.valueToTree(properties.get("AlarmActions")).toString())
                        .contains(topic);
                assertThat(JSON.valueToTree(properties.get("OKActions")).toString())
                        .contains(topic);
                boolean liveness = properties.get("AlarmName").toString().endsWith("-stopped");
                assertThat(properties)
                        .containsEntry("TreatMissingData", liveness ? "breaching" : "notBreaching")
                        .containsEntry(
                                "EvaluationPeriods",
                                // what must never happen pages on its first occurrence, as does a failed rebuild
                                String.valueOf(properties.get("AlarmName")).endsWith("-tampered-records")
                                                || String.valueOf(properties.get("AlarmName"))
                                                        .matches(".*-ordering-rebuild-(failed|timed-out)")
                                                // one window spans the verifier's whole schedule period
                                                || String.valueOf(properties.get("AlarmName"))
                                                        .endsWith("-ordering-verifier-stopped")
                                        ? 1
                                        : synthesized.config().alarms().evaluationPeriods());
            }
        }
        // 13 functions x (errors, throttles) + 4 stream consumers x (iterator age, stopped, tampered records)
        // + 6 dead-letter queues + publish failures + API 5xx + read models behind + read-model mismatches (the
        // verifier) + the verifier's schedule stopped + distributed rebuild executions failed and timed out
        assertThat(alarms).isEqualTo(13 * 2 + 4 * 3 + 6 + 1 + 1 + 1 + 1 + 1 + 2);
        synthesized
                .ordering()
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of("AlarmName", Match.stringLikeRegexp("^eventline-" + env + "-.*"))));
    }
}
