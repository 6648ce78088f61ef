package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class TablesTest {

    /** One expected table: where it lives, its keys ("S"/"N" typed), its stream and TTL. */
    record ExpectedTable(
            Function<ResourceNames, String> name,
            Function<Synthesized, Template> stack,
            String partitionKey,
            String partitionType,
            String sortKey,
            String sortType,
            String stream,
            String timeToLive) {}

    private static final List<ExpectedTable> TABLES = List.of(
            new ExpectedTable(
                    ResourceNames::orderingEventsTable,
                    Synthesized::ordering,
                    "streamId",
                    "S",
                    "version",
                    "N",
                    "NEW_IMAGE",
                    null),
            new ExpectedTable(
                    ResourceNames::orderingIdempotencyTable,
                    Synthesized::ordering,
                    "idempotencyKey",
                    "S",
                    null,
                    null,
                    null,
                    "expiresAt"),
            new ExpectedTable(
                    ResourceNames::orderSummaryTable, Synthesized::ordering, "orderId", "S", null, null, null, null),
            new ExpectedTable(
                    ResourceNames::ordersByCustomerTable,
                    Synthesized::ordering,
                    "customerId",
                    "S",
                    "sortKey",
                    "S",
                    null,
                    null),
            new ExpectedTable(ResourceNames::dailySalesTable, Synthesized::ordering, "day", "S", "sk", "S", null, null),
            new ExpectedTable(
                    ResourceNames::orderingPublisherCheckpointsTable,
                    Synthesized::ordering,
                    "streamId",
                    "S",
                    null,
                    null,
                    null,
                    null),
            new ExpectedTable(
                    ResourceNames::shippingNotificationsTable,
                    Synthesized::ordering,
                    "eventId",
                    "S",
                    null,
                    null,
                    null,
                    "expiresAt"),
            new ExpectedTable(
                    ResourceNames::accountsEventsTable,
                    Synthesized::accounts,
                    "streamId",
                    "S",
                    "version",
                    "N",
                    "NEW_IMAGE",
                    null),
            new ExpectedTable(
                    ResourceNames::accountsIdempotencyTable,
                    Synthesized::accounts,
                    "idempotencyKey",
                    "S",
                    null,
                    null,
                    null,
                    "expiresAt"),
            new ExpectedTable(
                    ResourceNames::accountsSnapshotsTable,
                    Synthesized::accounts,
                    "streamId",
                    "S",
                    null,
                    null,
                    null,
                    null),
            new ExpectedTable(
                    ResourceNames::accountBalancesTable,
                    Synthesized::accounts,
                    "accountId",
                    "S",
                    null,
                    null,
                    null,
                    null),
            new ExpectedTable(
                    ResourceNames::accountProjectionsTable,
                    Synthesized::accounts,
                    "accountId",
                    "S",
                    null,
                    null,
                    null,
                    null),
            new ExpectedTable(
                    ResourceNames::accountsByOwnerTable,
                    Synthesized::accounts,
                    "ownerId",
                    "S",
                    "accountId",
                    "S",
                    null,
                    null),
            new ExpectedTable(
                    ResourceNames::balanceHistoryTable,
                    Synthesized::accounts,
                    "accountId",
                    "S",
                    "day",
                    "S",
                    null,
                    null));

    @ForEachEnvironment
    void everyTableHasItsPhysicalNameKeysStreamAndTimeToLive(String env) {
        var synthesized = Synthesized.environment(env);
        for (ExpectedTable expected : TABLES) {
            String name = expected.name().apply(synthesized.names());
            var keySchema = new java.util.ArrayList<Object>(
                    List.of(Map.of("AttributeName", expected.partitionKey(), "KeyType", "HASH")));
            var attributes = new java.util.ArrayList<Object>(List.of(
                    Map.of("AttributeName", expected.partitionKey(), "AttributeType", expected.partitionType())));
            if (expected.sortKey() != null) {
                keySchema.add(Map.of("AttributeName", expected.sortKey(), "KeyType", "RANGE"));
                attributes.add(Map.of("AttributeName", expected.sortKey(), "AttributeType", expected.sortType()));
            }
            expected.stack()
                    .apply(synthesized)
                    .hasResourceProperties(
                            "AWS::DynamoDB::Table",
                            Match.objectEquals(Map.of(
                                    "TableName",
                                    name,
                                    "KeySchema",
                                    keySchema,
                                    "AttributeDefinitions",
                                    Match.arrayWith(attributes),
                                    "BillingMode",
                                    "PAY_PER_REQUEST",
                                    "SSESpecification",
                                    synthesized.config().customerManagedKeys()
                                            ? Match.objectLike(Map.of("SSEEnabled", true, "SSEType", "KMS"))
                                            : Map.of("SSEEnabled", true),
                                    "PointInTimeRecoverySpecification",
                                    Map.of("PointInTimeRecoveryEnabled", true),
                                    "DeletionProtectionEnabled",
                                    synthesized.config().deletionProtection(),
                                    "StreamSpecification",
                                    expected.stream() == null
                                            ? Match.absent()
                                            : Map.of("StreamViewType", expected.stream()),
                                    "TimeToLiveSpecification",
                                    expected.timeToLive() == null
                                            ? Match.absent()
                                            : Map.of("AttributeName", expected.timeToLive(), "Enabled", true),
                                    // the events tables (the ones with a stream) deny updates and deletes
                                    "ResourcePolicy",
                                    expected.stream() == null ? Match.absent() : Match.anyValue())));
        }
    }

    @ForEachEnvironment
    void the_personal_data_keys_table_is_encrypted_by_its_own_key_and_forgets_erased_keys_within_a_week(String env) {
        var synthesized = Synthesized.environment(env);
        var table = properties(resource(
                synthesized.ordering(),
                "AWS::DynamoDB::Table",
                "TableName",
                synthesized.names().orderingPersonalDataKeysTable()));
        assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", "subjectId", "KeyType", "HASH")));
        assertThat(table.get("PointInTimeRecoverySpecification"))
                .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true, "RecoveryPeriodInDays", 7));
        assertThat(String.valueOf(table.get("SSESpecification")))
                .contains("SSEType=KMS")
                .contains("KMSMasterKeyId");
        synthesized
                .ordering()
                .hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        synthesized
                .ordering()
                .hasResourceProperties(
                        "AWS::KMS::Alias",
                        Match.objectLike(Map.of("AliasName", synthesized.names().orderingPersonalDataKeyAlias())));
    }

    @ForEachEnvironment
    void the_accounts_personal_data_keys_table_has_its_own_key_and_the_same_recovery_period(String env) {
        var synthesized = Synthesized.environment(env);
        var table = properties(resource(
                synthesized.accounts(),
                "AWS::DynamoDB::Table",
                "TableName",
                synthesized.names().accountsPersonalDataKeysTable()));
        assertThat(table.get("KeySchema")).isEqualTo(List.of(Map.of("AttributeName", "subjectId", "KeyType", "HASH")));
        assertThat(table.get("PointInTimeRecoverySpecification"))
                .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true, "RecoveryPeriodInDays", 7));
        synthesized
                .accounts()
                .hasResourceProperties(
                        "AWS::KMS::Alias",
                        Match.objectLike(Map.of("AliasName", synthesized.names().accountsPersonalDataKeyAlias())));
    }

    @ForEachEnvironment
    void tablesAreRetainedAndProtectedOutsideDev(String env) {
        var synthesized = Synthesized.environment(env);
        String policy = env.equals("dev") ? "Delete" : "Retain";
        assertThat(synthesized.config().removalPolicy())
                .isEqualTo(env.equals("dev") ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
        assertThat(synthesized.config().deletionProtection()).isEqualTo(!env.equals("dev"));
        for (ExpectedTable expected : TABLES) {
            var table = resource(
                    expected.stack().apply(synthesized),
                    "AWS::DynamoDB::Table",
                    "TableName",
                    expected.name().apply(synthesized.names()));
            assertThat(table).containsEntry("DeletionPolicy", policy).containsEntry("UpdateReplacePolicy", policy);
        }
    }

    @ForEachEnvironment
    void thereAreNoOtherTables(String env) {
        var synthesized = Synthesized.environment(env);
        int tables = synthesized.allTemplates().stream()
                .mapToInt(template ->
                        template.findResources("AWS::DynamoDB::Table").size())
                .sum();
        assertThat(tables)
                .as(
                        "the listed ones, the personal-data keys of ordering and accounts and the push connections (WebSocketPushTest)")
                .isEqualTo(TABLES.size() + 3);
    }
}
