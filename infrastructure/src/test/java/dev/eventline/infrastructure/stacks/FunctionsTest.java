package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.getAtt;
import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.ref;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.RetentionDays;

class FunctionsTest {

    static final Map<RetentionDays, Integer> RETENTION_DAYS =
            Map.of(RetentionDays.ONE_WEEK, 7, RetentionDays.ONE_MONTH, 30, RetentionDays.THREE_MONTHS, 90);

    /** Table environment variables of each function: variable -> physical table name. */
    private static Map<FunctionSpec, Map<String, String>> tableVariables(ResourceNames names) {
        var variables = new EnumMap<FunctionSpec, Map<String, String>>(FunctionSpec.class);
        variables.put(
                FunctionSpec.ORDERING_COMMAND_API,
                Map.of(
                        "EVENTS_TABLE", names.orderingEventsTable(),
                        "IDEMPOTENCY_TABLE", names.orderingIdempotencyTable(),
                        "PERSONAL_DATA_KEYS_TABLE", names.orderingPersonalDataKeysTable()));
        var readModels = Map.of(
                "EVENTS_TABLE", names.orderingEventsTable(),
                "ORDER_SUMMARY_TABLE", names.orderSummaryTable(),
                "ORDERS_BY_CUSTOMER_TABLE", names.ordersByCustomerTable(),
                "DAILY_SALES_TABLE", names.dailySalesTable());
        var queries = new java.util.HashMap<>(readModels);
        queries.put("PERSONAL_DATA_KEYS_TABLE", names.orderingPersonalDataKeysTable());
        variables.put(FunctionSpec.ORDERING_QUERY_API, queries);
        var projector = new java.util.HashMap<>(readModels);
        projector.put("PUSH_CONNECTIONS_TABLE", names.pushConnectionsTable());
        variables.put(FunctionSpec.ORDERING_PROJECTOR, projector);
        variables.put(
                FunctionSpec.ORDERING_PUSH,
                Map.of(
                        "EVENTS_TABLE", names.orderingEventsTable(),
                        "PUSH_CONNECTIONS_TABLE", names.pushConnectionsTable()));
        variables.put(FunctionSpec.ORDERING_PUSH_AUTHORIZER, Map.of());
        variables.put(
                FunctionSpec.ORDERING_PUBLISHER,
                Map.of(
                        "EVENTS_TABLE", names.orderingEventsTable(),
                        "CHECKPOINTS_TABLE", names.orderingPublisherCheckpointsTable()));
        variables.put(
                FunctionSpec.SHIPPING_NOTIFICATIONS, Map.of("NOTIFICATIONS_TABLE", names.shippingNotificationsTable()));
        variables.put(
                FunctionSpec.ACCOUNTS_API,
                Map.of(
                        "ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable(),
                        "ACCOUNTS_IDEMPOTENCY_TABLE", names.accountsIdempotencyTable(),
                        "ACCOUNTS_SNAPSHOTS_TABLE", names.accountsSnapshotsTable(),
                        "ACCOUNT_BALANCES_TABLE", names.accountBalancesTable(),
                        "ACCOUNTS_BY_OWNER_TABLE", names.accountsByOwnerTable(),
                        "BALANCE_HISTORY_TABLE", names.balanceHistoryTable(),
                        "PERSONAL_DATA_KEYS_TABLE", names.accountsPersonalDataKeysTable()));
        variables.put(
                FunctionSpec.ACCOUNTS_PROJECTOR,
                Map.of(
                        "ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable(),
                        "ACCOUNT_PROJECTIONS_TABLE", names.accountProjectionsTable(),
                        "ACCOUNTS_BY_OWNER_TABLE", names.accountsByOwnerTable(),
                        "BALANCE_HISTORY_TABLE", names.balanceHistoryTable()));
        variables.put(
                FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER,
                Map.of(
                        "ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable(),
                        "ACCOUNTS_SNAPSHOTS_TABLE", names.accountsSnapshotsTable()));
        // the explorer's tables are other stacks': by name, not by reference (its case below)
        variables.put(FunctionSpec.EXPLORER_API, Map.of());
        return variables;
    }

    static Template stackOf(Synthesized synthesized, FunctionSpec spec) {
        return switch (spec) {
            case ACCOUNTS_API, ACCOUNTS_SNAPSHOT_CHASER, ACCOUNTS_SCHEDULED_SNAPSHOTS, ACCOUNTS_PROJECTOR ->
                synthesized.accounts();
            case EXPLORER_API -> synthesized.api();
            default -> synthesized.ordering();
        };
    }

    @ForEachEnvironment
    void everyFunctionRunsJava25OnArmWithTracingAndSnapStart(String env) {
        var synthesized = Synthesized.environment(env);
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            var sizing = synthesized.config().sizing(spec);
            stackOf(synthesized, spec)
                    .hasResourceProperties(
                            "AWS::Lambda::Function",
                            Match.objectLike(Map.of(
                                    "FunctionName", synthesized.names().function(spec),
                                    "Runtime", "java25",
                                    "Architectures", List.of("arm64"),
                                    "Handler", spec.handler(),
                                    "MemorySize", sizing.memoryMb(),
                                    "Timeout", sizing.timeout().toSeconds(),
                                    "TracingConfig", Map.of("Mode", "Active"),
                                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"))));
        }
    }

    @ForEachEnvironment
    void every_function_exports_its_spans_to_x_ray_through_the_adot_collector_extension(String env) {
        var synthesized = Synthesized.environment(env);
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            var function = properties(resource(
                    stackOf(synthesized, spec),
                    "AWS::Lambda::Function",
                    "FunctionName",
                    synthesized.names().function(spec)));
            assertThat(function.get("TracingConfig")).isEqualTo(Map.of("Mode", "Active"));
            // the readers of a parameter have the Parameters and Secrets extension too (ConsistencyTokenKeyTest)
            assertThat((List<?>) function.get("Layers"))
                    .as("layers of %s", spec)
                    .filteredOn(layer -> String.valueOf(layer).contains("aws-otel-collector"))
                    .singleElement()
                    .asString()
                    .contains("aws-otel-collector-arm64-ver-0-115-0");
            @SuppressWarnings("unchecked")
            var variables = (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
            assertThat(variables)
                    .as("environment of %s", spec)
                    .containsEntry("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:4318/v1/traces")
                    .containsEntry("OPENTELEMETRY_COLLECTOR_CONFIG_URI", "/var/task/otel-collector.yaml")
                    .doesNotContainKey("OTEL_SDK_DISABLED");
        }
    }

    @org.junit.jupiter.api.Test
    void the_collector_configuration_the_functions_name_receives_otlp_http_and_exports_to_x_ray()
            throws java.io.IOException {
        // lambda-support ships it; the shade plugin puts it at the jar's root, which Lambda unpacks to /var/task
        var config = java.nio.file.Files.readString(
                java.nio.file.Path.of("../functions/platform/lambda-support/src/main/resources/otel-collector.yaml"));
        assertThat(config).contains("endpoint: \"localhost:4318\"").contains("exporters: [awsxray]");
    }

    @ForEachEnvironment
    void handlersNameTheTheClassesTheFunctionsTeamsWrite(String env) {
        assertThat(FunctionSpec.ORDERING_COMMAND_API.handler())
                .isEqualTo("dev.eventline.ordering.commandapi.CommandApiHandler::handleRequest");
        assertThat(FunctionSpec.ORDERING_QUERY_API.handler())
                .isEqualTo("dev.eventline.ordering.queryapi.QueryApiHandler::handleRequest");
        assertThat(FunctionSpec.ORDERING_PROJECTOR.handler())
                .isEqualTo("dev.eventline.ordering.projector.ProjectionHandler::handleRequest");
        assertThat(FunctionSpec.ORDERING_PUBLISHER.handler())
                .isEqualTo("dev.eventline.ordering.publisher.PublisherHandler::handleRequest");
        assertThat(FunctionSpec.SHIPPING_NOTIFICATIONS.handler())
                .isEqualTo("dev.eventline.shipping.ShippingNotificationsHandler::handleRequest");
        assertThat(FunctionSpec.ACCOUNTS_API.handler())
                .isEqualTo("dev.eventline.accounts.api.AccountsApiHandler::handleRequest");
        assertThat(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER.handler())
                .isEqualTo("dev.eventline.accounts.snapshots.SnapshotChaserHandler::handleRequest");
        assertThat(Synthesized.environment(env).names().function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER))
                .isEqualTo("eventline-" + env + "-accounts-snapshot-chaser");
    }

    @ForEachEnvironment
    void everyFunctionGetsPowertoolsSettingsAndItsTables(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        tableVariables(names).forEach((spec, tables) -> {
            Template template = stackOf(synthesized, spec);
            var expected = new java.util.HashMap<String, Object>();
            expected.put("POWERTOOLS_SERVICE_NAME", spec.service());
            expected.put("POWERTOOLS_LOG_LEVEL", synthesized.config().logLevel());
            expected.put("POWERTOOLS_METRICS_NAMESPACE", "Eventline/" + env);
            expected.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:4318/v1/traces");
            expected.put("OPENTELEMETRY_COLLECTOR_CONFIG_URI", "/var/task/otel-collector.yaml");
            tables.forEach((variable, table) ->
                    expected.put(variable, ref(logicalId(template, "AWS::DynamoDB::Table", "TableName", table))));
            switch (spec) {
                case ORDERING_COMMAND_API, ORDERING_QUERY_API -> {
                    expected.put("PERSONAL_DATA_KEY", names.orderingPersonalDataKeyAlias());
                    expected.put("CONSISTENCY_KEY_PARAMETER", names.consistencyKeyParameter("ordering"));
                }
                case ORDERING_PUBLISHER -> {
                    expected.put("EVENT_BUS_NAME", names.eventBus());
                    expected.put("DEAD_LETTER_QUEUE", names.orderingPublisherDlq());
                    expected.put(
                            "MAX_RECORD_ATTEMPTS",
                            Integer.toString(synthesized.config().streams().retryAttempts()));
                }
                case ORDERING_PUSH_AUTHORIZER -> {
                    var jwt = (ApiAuthorization.Jwt) synthesized.config().authorization();
                    expected.put("JWT_ISSUER", jwt.issuer());
                    expected.put("JWT_AUDIENCE", String.join(",", jwt.audience()));
                }
                case ORDERING_PROJECTOR -> {
                    // the stage's https callback URL (WebSocketPushTest checks its parts)
                    expected.put("PUSH_ENDPOINT", WebSocketPushTest.callbackUrl(template, names));
                    expected.put("DEAD_LETTER_QUEUE", names.orderingProjectorDlq());
                    expected.put(
                            "MAX_RECORD_ATTEMPTS",
                            Integer.toString(synthesized.config().streams().retryAttempts()));
                }
                case ACCOUNTS_SNAPSHOT_CHASER -> {
                    expected.put("SNAPSHOT_THRESHOLD", "100");
                    expected.put("DEAD_LETTER_QUEUE", names.accountsSnapshotChaserDlq());
                    expected.put(
                            "MAX_RECORD_ATTEMPTS",
                            Integer.toString(synthesized.config().streams().retryAttempts()));
                }
                case EXPLORER_API ->
                    expected.putAll(Map.ofEntries(
                            Map.entry("ORDERING_EVENTS_TABLE", names.orderingEventsTable()),
                            Map.entry("ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable()),
                            Map.entry("ORDER_SUMMARY_TABLE", names.orderSummaryTable()),
                            Map.entry("PUBLISHER_CHECKPOINTS_TABLE", names.orderingPublisherCheckpointsTable()),
                            Map.entry("PROJECTOR_FUNCTION", names.function(FunctionSpec.ORDERING_PROJECTOR)),
                            Map.entry("PROJECTOR_DLQ", names.orderingProjectorDlq()),
                            Map.entry("PUBLISHER_FUNCTION", names.function(FunctionSpec.ORDERING_PUBLISHER)),
                            Map.entry("PUBLISHER_DLQ", names.orderingPublisherDlq()),
                            Map.entry(
                                    "SNAPSHOT_CHASER_FUNCTION", names.function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)),
                            Map.entry("SNAPSHOT_CHASER_DLQ", names.accountsSnapshotChaserDlq()),
                            Map.entry("SHIPPING_QUEUE", names.shippingNotificationsQueue()),
                            Map.entry("SHIPPING_DLQ", names.shippingNotificationsDlq()),
                            Map.entry("SHIPPING_RULE_DLQ", names.shippingRuleDlq()),
                            Map.entry("EVENT_BUS_NAME", names.eventBus()),
                            Map.entry("EVENT_ARCHIVE_NAME", names.eventArchive())));
                case ORDERING_PUSH -> // by name: the accounts context's table, for account owners
                    expected.put("ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable());
                case ACCOUNTS_PROJECTOR -> {
                    // server push through the ordering stack's WebSocket API, by name and parameter
                    expected.put("PUSH_CONNECTIONS_TABLE", names.pushConnectionsTable());
                    expected.put("PUSH_ENDPOINT", "{{resolve:ssm:/eventline/" + env + "/ordering/push-callback-url}}");
                    expected.put("DEAD_LETTER_QUEUE", names.accountsProjectorDlq());
                    expected.put(
                            "MAX_RECORD_ATTEMPTS",
                            Integer.toString(synthesized.config().streams().retryAttempts()));
                }
                case ACCOUNTS_API -> {
                    expected.put("SNAPSHOT_STRATEGY", "chaser");
                    expected.put("SNAPSHOT_THRESHOLD", "100");
                    expected.put("CONSISTENCY_KEY_PARAMETER", names.consistencyKeyParameter("accounts"));
                    expected.put("PERSONAL_DATA_KEY", names.accountsPersonalDataKeyAlias());
                }
                default -> {}
            }
            if (expected.containsKey("CONSISTENCY_KEY_PARAMETER")) {
                // the Parameters and Secrets extension's settings, set by CDK with the layer (its defaults)
                expected.putAll(Map.of(
                        "PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED", "true",
                        "PARAMETERS_SECRETS_EXTENSION_CACHE_SIZE", "1000",
                        "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", "2773",
                        "PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL", "info",
                        "PARAMETERS_SECRETS_EXTENSION_MAX_CONNECTIONS", "3",
                        "SECRETS_MANAGER_TIMEOUT_MILLIS", "0",
                        "SECRETS_MANAGER_TTL", "300",
                        "SSM_PARAMETER_STORE_TIMEOUT_MILLIS", "0",
                        "SSM_PARAMETER_STORE_TTL", "300"));
            }
            var function =
                    properties(resource(template, "AWS::Lambda::Function", "FunctionName", names.function(spec)));
            assertThat(function.get("Environment")).as(spec.name()).isEqualTo(Map.of("Variables", expected));
        });
    }

    @ForEachEnvironment
    void everyFunctionLogsToItsOwnGroupWithTheEnvironmentsRetention(String env) {
        var synthesized = Synthesized.environment(env);
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            Template template = stackOf(synthesized, spec);
            String logGroup = logicalId(
                    template,
                    "AWS::Logs::LogGroup",
                    "LogGroupName",
                    synthesized.names().functionLogGroup(spec));
            var logs = resource(
                    template,
                    "AWS::Logs::LogGroup",
                    "LogGroupName",
                    synthesized.names().functionLogGroup(spec));
            assertThat(properties(logs))
                    .containsEntry(
                            "RetentionInDays",
                            RETENTION_DAYS.get(synthesized.config().logRetention()));
            template.hasResourceProperties(
                    "AWS::Lambda::Function",
                    Match.objectLike(Map.of(
                            "FunctionName", synthesized.names().function(spec),
                            "LoggingConfig", Map.of("LogGroup", ref(logGroup)))));
        }
    }

    @ForEachEnvironment
    void everyFunctionIsInvokedThroughALiveAliasOnAPublishedVersion(String env) {
        var synthesized = Synthesized.environment(env);
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            Template template = stackOf(synthesized, spec);
            String function = logicalId(
                    template,
                    "AWS::Lambda::Function",
                    "FunctionName",
                    synthesized.names().function(spec));
            Map<String, Map<String, Object>> versions = template.findResources(
                    "AWS::Lambda::Version",
                    Match.objectLike(Map.of("Properties", Map.of("FunctionName", ref(function)))));
            assertThat(versions).as(spec.name()).hasSize(1);
            template.hasResourceProperties(
                    "AWS::Lambda::Alias",
                    Match.objectEquals(Map.of(
                            "Name", "live",
                            "FunctionName", ref(function),
                            "FunctionVersion",
                                    getAtt(versions.keySet().iterator().next(), "Version"))));
        }
    }
}
