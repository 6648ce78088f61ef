package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ReadModelTableTest {

    @Test
    void a_read_model_has_string_keys_an_optional_sort_key_and_time_to_live() {
        var stack = TestStacks.newStack();
        new ReadModelTable(
                stack,
                "ByCustomer",
                ReadModelTable.Props.builder()
                        .tableName("by-customer")
                        .partitionKey("customerId")
                        .sortKey("sortKey")
                        .build());
        new ReadModelTable(
                stack,
                "Notifications",
                ReadModelTable.Props.builder()
                        .tableName("notifications")
                        .partitionKey("eventId")
                        .timeToLiveAttribute("expiresAt")
                        .build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName", "by-customer",
                        "KeySchema",
                                List.of(
                                        Map.of("AttributeName", "customerId", "KeyType", "HASH"),
                                        Map.of("AttributeName", "sortKey", "KeyType", "RANGE")),
                        "StreamSpecification", Match.absent(),
                        "TimeToLiveSpecification", Match.absent())));
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName", "notifications",
                        "KeySchema", List.of(Map.of("AttributeName", "eventId", "KeyType", "HASH")),
                        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void a_read_model_needs_a_name_and_a_partition_key() {
        assertThatNullPointerException()
                .isThrownBy(() -> ReadModelTable.Props.builder().tableName("t").build())
                .withMessage("partitionKey");
    }
}
