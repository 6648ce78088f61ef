package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import java.util.Map;

import dev.eventline.infrastructure.support.TestStacks;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ReadModelTableTest {

    @Test
    void aReadModelHasStringKeysAnOptionalSortKeyAndTimeToLive() {
        var stack = TestStacks.newStack();
        new ReadModelTable(stack, "ByCustomer", ReadModelTable.Props.builder()
                .tableName("by-customer").partitionKey("customerId").sortKey("sortKey").build());
        new ReadModelTable(stack, "Notifications", ReadModelTable.Props.builder()
                .tableName("notifications").partitionKey("eventId").timeToLiveAttribute("expiresAt").build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TableName", "by-customer",
                "KeySchema", List.of(
                        Map.of("AttributeName", "customerId", "KeyType", "HASH"),
                        Map.of("AttributeName", "sortKey", "KeyType", "RANGE")),
                "StreamSpecification", Match.absent(),
                "TimeToLiveSpecification", Match.absent())));
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TableName", "notifications",
                "KeySchema", List.of(Map.of("AttributeName", "eventId", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void aReadModelNeedsANameAndAPartitionKey() {
        assertThatNullPointerException().isThrownBy(() -> ReadModelTable.Props.builder().tableName("t").build())
                .withMessage("partitionKey");
    }
}
