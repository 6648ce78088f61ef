package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;

class EventStoreTableTest {

    @Test
    void an_event_store_is_keyed_by_stream_and_version_and_streams_new_images() {
        var stack = TestStacks.newStack();
        new EventStoreTable(
                stack,
                "Events",
                EventStoreTable.Props.builder().tableName("events").build());
        var template = Template.fromStack(stack);
        template.hasResource(
                "AWS::DynamoDB::Table",
                Map.of(
                        "DeletionPolicy", "Retain",
                        "Properties",
                                Match.objectLike(Map.of(
                                        "TableName", "events",
                                        "KeySchema",
                                                List.of(
                                                        Map.of("AttributeName", "streamId", "KeyType", "HASH"),
                                                        Map.of("AttributeName", "version", "KeyType", "RANGE")),
                                        "AttributeDefinitions",
                                                List.of(
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
    void appending_never_grants_update_or_delete() {
        var stack = TestStacks.newStack();
        var events = new EventStoreTable(
                stack,
                "Events",
                EventStoreTable.Props.builder()
                        .tableName("events")
                        .removalPolicy(RemovalPolicy.DESTROY)
                        .deletionProtection(false)
                        .build());
        var writer = new Role(
                stack,
                "Writer",
                RoleProps.builder()
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .build());
        events.grantAppend(writer);
        var template = Template.fromStack(stack);
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Version",
                                "2012-10-17",
                                "Statement",
                                List.of(Map.of(
                                        "Effect", "Allow",
                                        "Action",
                                                List.of(
                                                        "dynamodb:PutItem",
                                                        "dynamodb:ConditionCheckItem",
                                                        "dynamodb:GetItem",
                                                        "dynamodb:Query"),
                                        "Resource",
                                                List.of(Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                template.findResources("AWS::DynamoDB::Table")
                                                                        .keySet()
                                                                        .iterator()
                                                                        .next(),
                                                                "Arn")))))))));
        template.hasResource(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "DeletionPolicy",
                        "Delete",
                        "Properties",
                        Match.objectLike(Map.of("DeletionProtectionEnabled", false)))));
    }
}
