package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Policies.tableId;
import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.EnvironmentConfig.SnapshotStrategy;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Policies;
import dev.eventline.infrastructure.support.Policies.Statement;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/** The time-based snapshot strategy, selected with {@code -c snapshotStrategy=time}. */
class ScheduledSnapshotsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Synthesized timeBased(String env) {
        return Synthesized.environment(env, Map.of(ConfigInputs.SNAPSHOT_STRATEGY, "time"));
    }

    private static Map<String, Object> function(Synthesized synthesized, FunctionSpec spec) {
        return properties(resource(
                synthesized.accounts(),
                "AWS::Lambda::Function",
                "FunctionName",
                synthesized.names().function(spec)));
    }

    @ForEachEnvironment
    void every_environment_deploys_the_chaser_by_default_and_no_schedule(String env) {
        var synthesized = Synthesized.environment(env);

        assertThat(synthesized.config().snapshotting().strategy()).isEqualTo(SnapshotStrategy.CHASER);
        assertThat(synthesized.config().deployedFunctions())
                .contains(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)
                .doesNotContain(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS);
        assertThat(synthesized.accounts().findResources("AWS::Events::Rule")).isEmpty();
        assertThat(JSON.valueToTree(
                                function(synthesized, FunctionSpec.ACCOUNTS_API).get("Environment"))
                        .toString())
                .contains("\"SNAPSHOT_STRATEGY\":\"chaser\"");
    }

    @ForEachEnvironment
    void with_time_selected_a_schedule_runs_the_scheduled_snapshots_through_their_live_alias(String env) {
        var synthesized = timeBased(env);
        var snapshotting = synthesized.config().snapshotting();
        Template accounts = synthesized.accounts();
        var rule = properties(resource(
                accounts, "AWS::Events::Rule", "Name", synthesized.names().of("accounts-snapshot-schedule")));

        var rate = Pattern.compile("rate\\((\\d+) (minute|hour|day)s?\\)")
                .matcher(rule.get("ScheduleExpression").toString());
        assertThat(rate.matches()).as("%s", rule.get("ScheduleExpression")).isTrue();
        long minutesPerUnit = switch (rate.group(2)) {
            case "minute" -> 1;
            case "hour" -> 60;
            default -> 1440;
        };
        assertThat(Long.parseLong(rate.group(1)) * minutesPerUnit)
                .isEqualTo(snapshotting.every().toMinutes());
        String targets = JSON.valueToTree(rule.get("Targets")).toString();
        String function = logicalId(
                accounts,
                "AWS::Lambda::Function",
                "FunctionName",
                synthesized.names().function(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS));
        String alias = accounts.findResources(
                        "AWS::Lambda::Alias",
                        Match.objectLike(Map.of(
                                "Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", function))))))
                .keySet()
                .iterator()
                .next();
        assertThat(targets)
                .contains("\"" + alias + "\"")
                .contains("RetryPolicy")
                .contains("\"MaximumRetryAttempts\":2");
    }

    @ForEachEnvironment
    void with_time_selected_the_scheduled_function_runs_one_at_a_time_with_its_window(String env) {
        var synthesized = timeBased(env);
        var function = function(synthesized, FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS);
        String variables = JSON.valueToTree(function.get("Environment")).toString();

        assertThat(function.get("Handler")).isEqualTo(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS.handler());
        assertThat(function.get("ReservedConcurrentExecutions")).isEqualTo(1);
        assertThat(variables)
                .contains("\"SNAPSHOT_SCHEDULE_WINDOW_MINUTES\":\""
                        + (synthesized.config().snapshotting().every().toMinutes() + 5) + "\"")
                .contains("\"ACCOUNTS_EVENTS_TABLE\"");
        assertThat(JSON.valueToTree(
                                function(synthesized, FunctionSpec.ACCOUNTS_API).get("Environment"))
                        .toString())
                .contains("\"SNAPSHOT_STRATEGY\":\"time\"");
    }

    @ForEachEnvironment
    void with_time_selected_no_chaser_is_deployed_and_the_explorer_does_not_name_it(String env) {
        var synthesized = timeBased(env);
        String chaser = synthesized.names().function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER);

        assertThat(synthesized.accounts().findResources("AWS::Lambda::Function").toString())
                .doesNotContain(chaser);
        assertThat(synthesized.accounts().findResources("AWS::Lambda::EventSourceMapping"))
                .as("only the projector reads the accounts stream")
                .hasSize(1);
        assertThat(synthesized.api().toJSON().toString())
                .doesNotContain(chaser)
                .doesNotContain(synthesized.names().accountsSnapshotChaserDlq());
    }

    @ForEachEnvironment
    void with_time_selected_the_schedule_may_scan_keys_query_streams_and_put_snapshot_items_only(String env) {
        var synthesized = timeBased(env);
        Template accounts = synthesized.accounts();
        String events = tableId(accounts, synthesized.names().accountsEventsTable());
        List<Statement> statements =
                Policies.ofFunction(accounts, synthesized.names().function(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS));
        List<Statement> dynamoDb = statements.stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();

        assertThat(dynamoDb).allSatisfy(s -> assertThat(s.appliesTo(events)).isTrue());
        assertThat(dynamoDb.stream().flatMap(s -> s.actions().stream()))
                .containsExactlyInAnyOrder("dynamodb:Scan", "dynamodb:Query", "dynamodb:PutItem");
        assertThat(dynamoDb)
                .filteredOn(s -> s.actions().equals(List.of("dynamodb:PutItem")))
                .singleElement()
                .satisfies(put -> assertThat(put.conditions())
                        .contains("\"ForAllValues:StringEquals\":{\"dynamodb:Attributes\":"
                                + "[\"streamId\",\"version\",\"u\",\"n\",\"w\"]}"));
        assertThat(dynamoDb)
                .filteredOn(s -> s.actions().equals(List.of("dynamodb:Scan")))
                .singleElement()
                .satisfies(scan -> assertThat(scan.conditions())
                        .contains("[\"streamId\",\"version\",\"w\",\"u\"]")
                        .contains("\"dynamodb:Select\":\"SPECIFIC_ATTRIBUTES\""));
        assertThat(statements)
                .allSatisfy(s -> assertThat(s.actions())
                        .noneMatch(a -> a.equals("dynamodb:UpdateItem")
                                || a.equals("dynamodb:DeleteItem")
                                || a.startsWith("sqs:")
                                || a.startsWith("s3:")));
    }

    @ForEachEnvironment
    void with_time_selected_the_schedule_alarms_on_errors_throttles_and_when_it_stops(String env) {
        var synthesized = timeBased(env);
        var names = synthesized.names();
        String function = names.function(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS);
        Template accounts = synthesized.accounts();

        for (String condition : List.of("errors", "throttles", "stopped")) {
            var alarm = properties(
                    resource(accounts, "AWS::CloudWatch::Alarm", "AlarmName", names.alarm(function, condition)));
            assertThat(JSON.valueToTree(alarm.get("AlarmActions")).toString())
                    .as(condition)
                    .isNotEqualTo("null");
        }
        var stopped =
                properties(resource(accounts, "AWS::CloudWatch::Alarm", "AlarmName", names.alarm(function, "stopped")));
        assertThat(stopped.get("TreatMissingData")).isEqualTo("breaching");
    }

    @ForEachEnvironment
    @SuppressWarnings("deprecation") // cxapi messages: the only reader of synthesis messages in Java
    void with_time_selected_synthesis_and_cdk_nag_report_nothing(String env) {
        for (CloudFormationStackArtifact stack : timeBased(env).assembly().getStacks()) {
            assertThat(stack.getMessages().stream()
                            .filter(message -> message.getLevel() == SynthesisMessageLevel.ERROR
                                    || message.getLevel() == SynthesisMessageLevel.WARNING)
                            .map(message ->
                                    message.getId() + ": " + message.getEntry().getData())
                            .toList())
                    .as("errors and warnings of %s", stack.getStackName())
                    .isEmpty();
        }
    }

    @ForEachEnvironment
    void with_time_selected_the_reserved_total_counts_the_schedule_instead_of_the_chaser(String env) {
        var chaser = Synthesized.environment(env).config();
        var time = timeBased(env).config();

        assertThat(total(time))
                .isEqualTo(total(chaser)
                        - chaser.sizing(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER).reservedConcurrency()
                        + 1);
        assertThat(total(chaser))
                .as("docs/operations.md: total reserved (chaser, the default)")
                .isEqualTo(Map.of("dev", 70, "staging", 226, "prod", 866).get(env));
        assertThat(total(time))
                .as("docs/operations.md: total reserved with time")
                .isEqualTo(Map.of("dev", 66, "staging", 217, "prod", 827).get(env));
    }

    private static int total(EnvironmentConfig config) {
        return config.deployedFunctions().stream()
                .mapToInt(spec -> config.sizing(spec).reservedConcurrency())
                .sum();
    }
}
