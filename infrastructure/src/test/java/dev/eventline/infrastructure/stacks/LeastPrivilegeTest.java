package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Policies.tableId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Policies;
import dev.eventline.infrastructure.support.Policies.Statement;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awscdk.assertions.Template;

class LeastPrivilegeTest {

    private static final List<String> APPEND =
            List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query");
    private static final List<String> READ = List.of("dynamodb:GetItem", "dynamodb:Query");
    /** No DeleteItem, no BatchWriteItem: a projection only moves items forward. */
    private static final List<String> PROJECT =
            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem");

    /** A subject's wrapped data key: created once, read, deleted to erase; never updated. */
    private static final List<String> SEAL_AND_ERASE =
            List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");

    private static final List<String> OPEN = List.of("dynamodb:GetItem");
    private static final List<String> PUT_AND_GET = List.of("dynamodb:PutItem", "dynamodb:GetItem");
    /** Actions that change or remove an existing item. */
    private static final Set<String> REWRITES = Set.of(
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete",
            "dynamodb:*",
            "dynamodb:Update*",
            "dynamodb:Delete*",
            "*");

    private static final Set<String> NEEDS_ANY_RESOURCE = Set.of(
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "dynamodb:ListStreams",
            // a state machine's X-Ray sampling and its log delivery to CloudWatch Logs (distributed rebuild)
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "logs:CreateLogDelivery",
            "logs:GetLogDelivery",
            "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries",
            "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups");

    @ForEachEnvironment
    void noPolicyAnywhereMayUpdateOrDeleteAnEvent(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        // an events table may be referenced by logical id (same stack) or by physical name (ARN built from it)
        List<String> eventTableReferences = List.of(
                tableId(synthesized.ordering(), names.orderingEventsTable()),
                tableId(synthesized.accounts(), names.accountsEventsTable()),
                names.orderingEventsTable(),
                names.accountsEventsTable());
        int statementsOnEvents = 0;
        for (Template template : synthesized.allTemplates()) {
            for (Statement statement : Policies.all(template)) {
                boolean onEvents = statement.onAnyResource()
                        || eventTableReferences.stream()
                                .anyMatch(reference -> statement.resources().contains(reference));
                if (onEvents) {
                    statementsOnEvents++;
                    assertThat(statement.actions()).as("%s", statement).doesNotContainAnyElementsOf(REWRITES);
                }
            }
        }
        assertThat(statementsOnEvents).isGreaterThan(0);
    }

    @ForEachEnvironment
    void commandHandlersMayOnlyAppendEventsAndRememberOutcomes(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        assertThat(dataAccess(ordering, names.function(FunctionSpec.ORDERING_COMMAND_API)))
                .isEqualTo(Map.of(
                        tableId(ordering, names.orderingEventsTable()), APPEND,
                        tableId(ordering, names.orderingIdempotencyTable()), APPEND,
                        tableId(ordering, names.orderingPersonalDataKeysTable()), SEAL_AND_ERASE));
        Template accounts = synthesized.accounts();
        assertThat(dataAccess(accounts, names.function(FunctionSpec.ACCOUNTS_API)))
                .isEqualTo(Map.of(
                        tableId(accounts, names.accountsEventsTable()), APPEND,
                        tableId(accounts, names.accountsIdempotencyTable()), APPEND,
                        tableId(accounts, names.accountsSnapshotsTable()), PUT_AND_GET,
                        tableId(accounts, names.accountBalancesTable()), PUT_AND_GET,
                        tableId(accounts, names.accountsByOwnerTable()), READ,
                        tableId(accounts, names.balanceHistoryTable()), READ,
                        tableId(accounts, names.accountsPersonalDataKeysTable()), SEAL_AND_ERASE));
    }

    @ForEachEnvironment
    void theQueryApiOnlyReads(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        assertThat(dataAccess(ordering, names.function(FunctionSpec.ORDERING_QUERY_API)))
                .isEqualTo(Map.of(
                        tableId(ordering, names.orderingEventsTable()), READ,
                        tableId(ordering, names.orderSummaryTable()), READ,
                        tableId(ordering, names.ordersByCustomerTable()), READ,
                        tableId(ordering, names.orderingPersonalDataKeysTable()), OPEN));
    }

    @ForEachEnvironment
    void theProjectorReadsEventsAndWritesOnlyReadModels(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        String events = tableId(ordering, names.orderingEventsTable());
        assertThat(dataAccess(ordering, names.function(FunctionSpec.ORDERING_PROJECTOR)))
                .isEqualTo(Map.of(
                        events,
                        READ,
                        tableId(ordering, names.orderSummaryTable()),
                        PROJECT,
                        tableId(ordering, names.ordersByCustomerTable()),
                        PROJECT,
                        tableId(ordering, names.dailySalesTable()),
                        PROJECT,
                        // server push: the connections of a key (table, then its one index) and forgetting gone ones
                        tableId(ordering, names.pushConnectionsTable()),
                        List.of("dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:Query")));
        assertStreamReadOnly(
                ordering, names.function(FunctionSpec.ORDERING_PROJECTOR), events, names.orderingProjectorDlq());
    }

    @ForEachEnvironment
    void the_projector_writes_and_the_query_api_reads_rebuilt_generations_by_their_name_pattern_only(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        for (String table : List.of(names.orderSummaryTable(), names.ordersByCustomerTable())) {
            assertThat(generationStatements(ordering, names.function(FunctionSpec.ORDERING_PROJECTOR), table))
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions()).isEqualTo(PROJECT));
            assertThat(generationStatements(ordering, names.function(FunctionSpec.ORDERING_QUERY_API), table))
                    .singleElement()
                    .satisfies(s -> assertThat(s.actions()).isEqualTo(READ));
        }
        // daily sales are not rebuilt by generation, and no other function than these, the verifier
        // (ConsistencyVerifierTest) and the distributed rebuild's worker (DistributedRebuildTest) reaches a generation
        assertThat(Policies.all(ordering))
                .filteredOn(s -> s.resources().contains("-g*"))
                .hasSize(8)
                .allSatisfy(s -> assertThat(s.resources()).doesNotContain(names.dailySalesTable() + "-g"));
    }

    static List<Statement> generationStatementsOf(Template template, String functionName, String table) {
        return generationStatements(template, functionName, table);
    }

    /** Statements of a function naming {@code table}'s generations: the pattern and its indexes, nothing else. */
    private static List<Statement> generationStatements(Template template, String functionName, String table) {
        List<Statement> statements = Policies.ofFunction(template, functionName).stream()
                .filter(s -> s.resources().contains(":table/" + table + "-g*"))
                .toList();
        statements.forEach(s -> assertThat(s.resources())
                .contains(":table/" + table + "-g*\"")
                .contains(":table/" + table + "-g*/index/*\""));
        return statements;
    }

    @ForEachEnvironment
    void thePublisherPutsEventsOnItsBusReadsEventsAndKeepsOnlyItsCheckpoints(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        List<Statement> statements = Policies.ofFunction(ordering, names.function(FunctionSpec.ORDERING_PUBLISHER));
        assertThat(dataAccess(ordering, names.function(FunctionSpec.ORDERING_PUBLISHER)))
                .isEqualTo(Map.of(
                        tableId(ordering, names.orderingEventsTable()), READ,
                        tableId(ordering, names.orderingPublisherCheckpointsTable()), PUT_AND_GET));
        List<Statement> events = statements.stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("events:")))
                .toList();
        assertThat(events).singleElement().satisfies(statement -> {
            assertThat(statement.actions()).containsExactly("events:PutEvents");
            assertThat(statement.resources()).contains(":event-bus/" + names.eventBus() + "\"");
        });
        assertStreamReadOnly(
                ordering,
                names.function(FunctionSpec.ORDERING_PUBLISHER),
                tableId(ordering, names.orderingEventsTable()),
                names.orderingPublisherDlq());
    }

    @ForEachEnvironment
    void theSnapshotChaserReadsEventsAndWritesSnapshotsBesideThem(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template accounts = synthesized.accounts();
        String events = tableId(accounts, names.accountsEventsTable());
        assertThat(dataAccess(accounts, names.function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)))
                .isEqualTo(Map.of(events, APPEND, tableId(accounts, names.accountsSnapshotsTable()), PUT_AND_GET));
        assertStreamReadOnly(
                accounts,
                names.function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER),
                events,
                names.accountsSnapshotChaserDlq());
    }

    @ForEachEnvironment
    void theAccountsProjectorReadsEventsAndWritesItsReadModels(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template accounts = synthesized.accounts();
        String events = tableId(accounts, names.accountsEventsTable());
        assertThat(dataAccess(accounts, names.function(FunctionSpec.ACCOUNTS_PROJECTOR)))
                .isEqualTo(Map.of(
                        events,
                        READ,
                        tableId(accounts, names.accountProjectionsTable()),
                        PUT_AND_GET,
                        tableId(accounts, names.accountsByOwnerTable()),
                        PUT_AND_GET,
                        tableId(accounts, names.balanceHistoryTable()),
                        PUT_AND_GET));
        assertStreamReadOnly(
                accounts, names.function(FunctionSpec.ACCOUNTS_PROJECTOR), events, names.accountsProjectorDlq());
    }

    @ForEachEnvironment
    void shippingNotificationsOwnTheirTableAndConsumeTheirQueue(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        assertThat(dataAccess(ordering, names.function(FunctionSpec.SHIPPING_NOTIFICATIONS)))
                .isEqualTo(Map.of(tableId(ordering, names.shippingNotificationsTable()), PUT_AND_GET));
        String queue = dev.eventline.infrastructure.support.Resources.logicalId(
                ordering, "AWS::SQS::Queue", "QueueName", names.shippingNotificationsQueue());
        assertThat(Policies.ofFunction(ordering, names.function(FunctionSpec.SHIPPING_NOTIFICATIONS)))
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("sqs:")))
                .singleElement()
                .satisfies(statement -> assertThat(statement.appliesTo(queue)).isTrue());
    }

    @ForEachEnvironment
    void onlyActionsWithoutResourceLevelPermissionsUseAWildcardResource(String env) {
        var synthesized = Synthesized.environment(env);
        for (Template template : synthesized.allTemplates()) {
            for (Statement statement : Policies.all(template)) {
                assertThat(statement.actions())
                        .allSatisfy(
                                action -> assertThat(action).doesNotContain("*").isNotEqualTo("*"));
                if (statement.onAnyResource()) {
                    assertThat(NEEDS_ANY_RESOURCE).as("statement %s", statement).containsAll(statement.actions());
                }
            }
        }
    }

    @ForEachEnvironment
    void rolesCarryNoManagedPolicies(String env) {
        var synthesized = Synthesized.environment(env);
        for (Template template : synthesized.allTemplates()) {
            template.findResources("AWS::IAM::Role")
                    .values()
                    .forEach(role -> assertThat(dev.eventline.infrastructure.support.Resources.properties(role))
                            .doesNotContainKey("ManagedPolicyArns"));
        }
    }

    /** Table logical id -> DynamoDB item actions the function may perform on it (stream actions excluded). */
    private static Map<String, List<String>> dataAccess(Template template, String functionName) {
        var access = new TreeMap<String, List<String>>();
        for (Statement statement : Policies.ofFunction(template, functionName)) {
            List<String> itemActions = statement.actions().stream()
                    .filter(a -> a.startsWith("dynamodb:")
                            && !Set.of(
                                            "dynamodb:ListStreams",
                                            "dynamodb:DescribeStream",
                                            "dynamodb:GetRecords",
                                            "dynamodb:GetShardIterator")
                                    .contains(a))
                    .toList();
            if (itemActions.isEmpty()) {
                continue;
            }
            template.findResources("AWS::DynamoDB::Table").keySet().stream()
                    .filter(statement::appliesTo)
                    .forEach(table -> access.merge(table, itemActions, (a, b) -> {
                        var merged = new ArrayList<>(a);
                        merged.addAll(b);
                        return merged;
                    }));
        }
        return access;
    }

    private static void assertStreamReadOnly(
            Template template, String functionName, String eventsTable, String deadLetterQueue) {
        String queue = dev.eventline.infrastructure.support.Resources.logicalId(
                template, "AWS::SQS::Queue", "QueueName", deadLetterQueue);
        List<Statement> statements = Policies.ofFunction(template, functionName);
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.actions())
                    .containsExactlyInAnyOrder(
                            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator");
            assertThat(s.resources()).contains(eventsTable).contains("StreamArn");
        });
        assertThat(statements)
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("sqs:")))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.actions())
                            .contains("sqs:SendMessage")
                            .doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage");
                    assertThat(s.appliesTo(queue)).isTrue();
                });
    }
}
