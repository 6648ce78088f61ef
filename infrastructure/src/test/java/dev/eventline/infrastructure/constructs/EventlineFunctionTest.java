package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EventlineFunctionTest {

    @Test
    void a_function_is_java25_on_arm_traced_with_snap_start_behind_a_live_alias() {
        var stack = TestStacks.newStack();
        new EventlineFunction(
                stack,
                "Publisher",
                TestStacks.function(FunctionSpec.ORDERING_PUBLISHER)
                        .environment("EVENT_BUS_NAME", "bus")
                        .alerting(TestStacks.alerting(stack))
                        .build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "FunctionName",
                        "eventline-test-ordering-publisher",
                        "Runtime",
                        "java25",
                        "Architectures",
                        List.of("arm64"),
                        "MemorySize",
                        256,
                        "Timeout",
                        20,
                        "TracingConfig",
                        Map.of("Mode", "Active"),
                        "SnapStart",
                        Map.of("ApplyOn", "PublishedVersions"),
                        "Environment",
                        Map.of(
                                "Variables",
                                Map.of(
                                        "EVENT_BUS_NAME", "bus",
                                        "POWERTOOLS_SERVICE_NAME", "ordering-publisher",
                                        "POWERTOOLS_LOG_LEVEL", "INFO",
                                        "POWERTOOLS_METRICS_NAMESPACE", "Eventline/test")))));
        template.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
        template.resourceCountIs("AWS::Lambda::Version", 1);
        template.hasResourceProperties(
                "AWS::Logs::LogGroup",
                Map.of("LogGroupName", "/aws/lambda/eventline-test-ordering-publisher", "RetentionInDays", 1));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        "eventline-test-ordering-publisher-errors",
                        "MetricName",
                        "Errors",
                        "Threshold",
                        2,
                        "EvaluationPeriods",
                        2,
                        "Period",
                        60)));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        "eventline-test-ordering-publisher-throttles",
                        "MetricName",
                        "Throttles",
                        "Threshold",
                        3)));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void the_role_has_no_managed_policy_and_may_only_write_its_own_log_group_and_traces() {
        var stack = TestStacks.newStack();
        new EventlineFunction(
                stack,
                "Fn",
                TestStacks.function(FunctionSpec.ORDERING_QUERY_API).build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("ManagedPolicyArns", Match.absent())));
        String logGroup = template.findResources("AWS::Logs::LogGroup")
                .keySet()
                .iterator()
                .next();
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                List.of(
                                        Map.of(
                                                "Effect",
                                                "Allow",
                                                "Action",
                                                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                                "Resource",
                                                Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))),
                                        Map.of(
                                                "Effect",
                                                "Allow",
                                                "Action",
                                                List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                                                "Resource",
                                                "*")))))));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 0);
    }
}
