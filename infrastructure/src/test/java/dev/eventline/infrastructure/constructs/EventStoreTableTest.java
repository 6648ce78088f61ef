package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.eventline.infrastructure.support.TestStacks;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;

class EventStoreTableTest {

    @Test
    void anEventStoreIsKeyedByStreamAndVersionAndStreamsNewImages() {
        var stack = TestStacks.newStack();
        new EventStoreTable(stack, "Events", EventStoreTable.Props.builder().tableName("events").build());
        var template = Template.fromStack(stack);
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "TableName", "events",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "streamId", "KeyType", "HASH"),
                                Map.of("AttributeName", "version", "KeyType", "RANGE")),
                        "AttributeDefinitions", List.of(
                                Map.of("AttributeName", "streamId", "AttributeType", "S"),
                                Map.of("AttributeName", "version", "AttributeType", "N")),
                        "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE"),
                        "BillingMode", "PAY_PER_REQUEST",
                        "SSESpecification", Map.of("SSEEnabled", true),
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true)),
                "UpdateReplacePolicy", "Retain"));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void appendingNeverGrantsUpdateOrDelete() {
        var stack = TestStacks.newStack();
        var events = new EventStoreTable(stack, "Events", EventStoreTable.Props.builder()
                .tableName("events").removalPolicy(RemovalPolicy.DESTROY).deletionProtection(false).build());
        var writer = new Role(stack, "Writer", RoleProps.builder().assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build());
        events.grantAppend(writer);
        var template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query"),
                        "Resource", List.of(Map.of("Fn::GetAtt", List.of(
                                template.findResources("AWS::DynamoDB::Table").keySet().iterator().next(), "Arn")))))))));
        template.hasResource("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "DeletionPolicy", "Delete",
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", false)))));
    }
}
