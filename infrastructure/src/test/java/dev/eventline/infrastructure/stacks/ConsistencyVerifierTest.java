package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Policies.tableId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

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

class ConsistencyVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ForEachEnvironment
    void a_schedule_runs_the_verifier_through_its_live_alias_at_the_environments_rate(String env) {
        var synthesized = Synthesized.environment(env);
        var verification = synthesized.config().verification();
        Template ordering = synthesized.ordering();
        var rule = properties(resource(
                ordering, "AWS::Events::Rule", "Name", synthesized.names().of("ordering-verifier-schedule")));

        var rate = java.util.regex.Pattern.compile("rate\\((\\d+) (minute|hour|day)s?\\)")
                .matcher(rule.get("ScheduleExpression").toString());
        assertThat(rate.matches()).as("%s", rule.get("ScheduleExpression")).isTrue();
        long minutesPerUnit = switch (rate.group(2)) {
            case "minute" -> 1;
            case "hour" -> 60;
            default -> 1440;
        };
        assertThat(Long.parseLong(rate.group(1)) * minutesPerUnit)
                .isEqualTo(verification.every().toMinutes());
        String targets = JSON.valueToTree(rule.get("Targets")).toString();
        assertThat(targets).contains("RetryPolicy").contains("\"MaximumRetryAttempts\":2");
        ordering.hasResourceProperties(
                "AWS::Lambda::Permission",
                Match.objectLike(Map.of("Principal", "events.amazonaws.com", "Action", "lambda:InvokeFunction")));
    }

    @ForEachEnvironment
    void the_verifier_is_configured_per_environment_and_repairs_nowhere_in_prod(String env) {
        var synthesized = Synthesized.environment(env);
        var verification = synthesized.config().verification();
        var function = properties(resource(
                synthesized.ordering(),
                "AWS::Lambda::Function",
                "FunctionName",
                synthesized.names().function(FunctionSpec.ORDERING_VERIFIER)));
        String variables = JSON.valueToTree(function.get("Environment")).toString();

        assertThat(variables)
                .contains("\"VERIFY_SAMPLE\":\"" + verification.sample() + "\"")
                .contains("\"VERIFY_REPAIR\":\"" + verification.repair() + "\"");
        assertThat(function.get("Handler")).isEqualTo(FunctionSpec.ORDERING_VERIFIER.handler());
        if (env.equals("prod")) {
            assertThat(verification.repair()).isFalse();
        }
    }

    @ForEachEnvironment
    void the_verifier_scans_events_and_writes_read_models_only_where_it_may_repair(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        String function = names.function(FunctionSpec.ORDERING_VERIFIER);
        List<Statement> statements = Policies.ofFunction(ordering, function);
        String events = tableId(ordering, names.orderingEventsTable());
        boolean repair = synthesized.config().verification().repair();
        List<String> readModelAccess = repair
                ? List.of(
                        "dynamodb:GetItem",
                        "dynamodb:Query",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:BatchWriteItem",
                        "dynamodb:ConditionCheckItem")
                : List.of("dynamodb:GetItem", "dynamodb:Query");

        assertThat(statements)
                .filteredOn(s -> s.appliesTo(events))
                .singleElement()
                .satisfies(s ->
                        assertThat(s.actions()).containsExactly("dynamodb:Scan", "dynamodb:GetItem", "dynamodb:Query"));
        for (String table : List.of(names.orderSummaryTable(), names.ordersByCustomerTable())) {
            assertThat(statements)
                    .filteredOn(s -> s.appliesTo(tableId(ordering, table)))
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions()).isEqualTo(readModelAccess));
            assertThat(LeastPrivilegeTest.generationStatementsOf(ordering, function, table))
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions()).isEqualTo(readModelAccess));
        }
        assertThat(statements)
                .noneMatch(s -> s.appliesTo(tableId(ordering, names.dailySalesTable())))
                .allSatisfy(s -> assertThat(s.actions()).noneMatch(a -> a.startsWith("sqs:") || a.startsWith("s3:")));
    }

    @ForEachEnvironment
    void a_mismatch_found_by_the_verifier_alarms_the_alarm_topic(String env) {
        var synthesized = Synthesized.environment(env);
        synthesized
                .ordering()
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of(
                                "MetricName",
                                ConsistencyVerifier.MISMATCH_METRIC,
                                "Namespace",
                                synthesized.config().metricsNamespace(),
                                "Statistic",
                                "Sum",
                                "Threshold",
                                0,
                                "ComparisonOperator",
                                "GreaterThanThreshold",
                                "TreatMissingData",
                                "notBreaching",
                                "Dimensions",
                                List.of(Map.of(
                                        "Name", "Service", "Value", FunctionSpec.ORDERING_VERIFIER.service())))));
    }

    @ForEachEnvironment
    void a_verifier_not_invoked_for_a_schedule_period_and_its_grace_alarms_and_no_data_breaches(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        var every = synthesized.config().verification().every();
        var alarm = properties(resource(
                synthesized.ordering(),
                "AWS::CloudWatch::Alarm",
                "AlarmName",
                names.alarm(names.function(FunctionSpec.ORDERING_VERIFIER), "stopped")));

        assertThat(alarm)
                .containsEntry("MetricName", "Invocations")
                .containsEntry("Namespace", "AWS/Lambda")
                .containsEntry("Statistic", "Sum")
                .containsEntry("Period", (int)
                        every.plus(ConsistencyVerifier.SCHEDULE_GRACE).toSeconds())
                .containsEntry("ComparisonOperator", "LessThanThreshold")
                .containsEntry("Threshold", 1)
                .containsEntry("EvaluationPeriods", 1)
                .containsEntry("TreatMissingData", "breaching");
        // CloudWatch evaluates at most 7 days back
        assertThat(every.plus(ConsistencyVerifier.SCHEDULE_GRACE).toSeconds()).isLessThanOrEqualTo(604_800);
    }
}
