package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.ArrayList;
import java.util.List;

class OperatorRoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Statement(List<String> actions, String resources) {}

    private static List<Statement> statements(Synthesized synthesized) {
        JsonNode policy = JSON.valueToTree(properties(resource(
                synthesized.ordering(),
                "AWS::IAM::ManagedPolicy",
                "ManagedPolicyName",
                synthesized.names().of("operator"))));
        List<Statement> statements = new ArrayList<>();
        for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            List<String> actions = new ArrayList<>();
            JsonNode action = statement.path("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
            statements.add(new Statement(actions, statement.path("Resource").toString()));
        }
        return statements;
    }

    private static String resourcesOf(List<Statement> statements, String action) {
        return statements.stream()
                .filter(s -> s.actions().contains(action))
                .map(Statement::resources)
                .reduce("", String::concat);
    }

    @ForEachEnvironment
    void the_operator_role_is_assumable_by_the_account_with_mfa_by_default(String env) {
        var synthesized = Synthesized.environment(env);
        var role = JSON.valueToTree(properties(resource(
                synthesized.ordering(),
                "AWS::IAM::Role",
                "RoleName",
                synthesized.names().of("operator"))));

        String trust = role.path("AssumeRolePolicyDocument").toString();
        assertThat(trust)
                .contains("sts:AssumeRole")
                .contains(":iam::")
                .contains(":root")
                .contains("\"aws:MultiFactorAuthPresent\":\"true\"");
        String roleId = logicalId(
                synthesized.ordering(),
                "AWS::IAM::Role",
                "RoleName",
                synthesized.names().of("operator"));
        var policy = JSON.valueToTree(properties(resource(
                synthesized.ordering(),
                "AWS::IAM::ManagedPolicy",
                "ManagedPolicyName",
                synthesized.names().of("operator"))));
        assertThat(policy.path("Roles").toString()).isEqualTo("[{\"Ref\":\"" + roleId + "\"}]");
    }

    @ForEachEnvironment
    void the_operator_holds_what_eventline_calls_each_on_the_resources_it_names(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        List<Statement> statements = statements(synthesized);

        assertThat(statements).allSatisfy(s -> {
            assertThat(s.actions()).noneMatch(a -> a.contains("*"));
            assertThat(s.resources()).isNotIn("\"*\"", "[\"*\"]");
        });
        assertThat(resourcesOf(statements, "dynamodb:ExportTableToPointInTime"))
                .contains("table/" + names.orderingEventsTable() + "\"")
                .doesNotContain("*");
        assertThat(resourcesOf(statements, "dynamodb:CreateTable"))
                .contains("table/" + names.orderSummaryTable() + "-g*")
                .contains("table/" + names.ordersByCustomerTable() + "-g*")
                .doesNotContain("table/" + names.orderingEventsTable());
        assertThat(resourcesOf(statements, "dynamodb:PutItem")).doesNotContain(names.orderingEventsTable());
        assertThat(resourcesOf(statements, "s3:PutObject")).contains("/exports/*");
        assertThat(resourcesOf(statements, "states:StartExecution")).contains("DistributedRebuild");
        assertThat(resourcesOf(statements, "states:DescribeExecution"))
                .contains(":execution:" + names.orderingRebuildStateMachine() + ":*");
        assertThat(resourcesOf(statements, "states:DescribeMapRun"))
                .contains(":mapRun:" + names.orderingRebuildStateMachine() + "/*");
        assertThat(resourcesOf(statements, "sqs:ReceiveMessage"))
                .contains(":" + names.orderingProjectorDlq() + "\"")
                .contains(":" + names.orderingPublisherDlq() + "\"")
                .contains(":" + names.shippingNotificationsDlq() + "\"")
                .contains(":" + names.accountsSnapshotChaserDlq() + "\"");
        assertThat(resourcesOf(statements, "sqs:SendMessage"))
                .contains(":" + names.shippingNotificationsQueue() + "\"")
                .doesNotContain("dlq");
        assertThat(resourcesOf(statements, "lambda:InvokeFunction"))
                .contains(":function:" + names.function(FunctionSpec.ORDERING_PROJECTOR) + ":live")
                .contains(":function:" + names.function(FunctionSpec.ORDERING_PUBLISHER) + ":live")
                .contains(":function:" + names.function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER) + ":live")
                .doesNotContain(names.function(FunctionSpec.ORDERING_COMMAND_API));
        assertThat(resourcesOf(statements, "events:StartReplay")).contains(":archive/" + names.eventArchive() + "\"");
        assertThat(resourcesOf(statements, "kms:CreateGrant").isEmpty())
                .isEqualTo(!synthesized.config().customerManagedKeys());
    }
}
