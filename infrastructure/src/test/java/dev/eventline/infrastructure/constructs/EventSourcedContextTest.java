package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EventSourcedContextTest {

    @Test
    void a_context_is_a_few_lines() {
        var stack = TestStacks.newStack();
        var context = new EventSourcedContext(
                stack,
                "Ordering",
                EventSourcedContext.Props.builder()
                        .eventsTableName("eventline-test-ordering-events")
                        .idempotencyTableName("eventline-test-ordering-idempotency")
                        .consumption(TestStacks.STREAMS)
                        .alerting(TestStacks.alerting(stack))
                        .build());
        var commands = new EventlineFunction(
                stack,
                "Commands",
                TestStacks.function(FunctionSpec.ORDERING_COMMAND_API).build());
        context.grantCommandHandling(commands.grantee());
        context.addStreamConsumer(
                "Projector",
                TestStacks.function(FunctionSpec.ORDERING_PROJECTOR).build(),
                "projector-dlq");
        context.addStreamConsumer(
                "Publisher",
                TestStacks.function(FunctionSpec.ORDERING_PUBLISHER).build(),
                "publisher-dlq");

        var template = Template.fromStack(stack);
        template.resourceCountIs("AWS::DynamoDB::Table", 2);
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        template.resourceCountIs("AWS::SQS::Queue", 2);
        template.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Match.objectLike(Map.of(
                        "TableName", "eventline-test-ordering-idempotency",
                        "KeySchema", List.of(Map.of("AttributeName", "idempotencyKey", "KeyType", "HASH")),
                        "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true))));
        var appendOnly =
                List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:Query");
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(
                                        Match.objectLike(Map.of(
                                                "Action",
                                                appendOnly,
                                                "Resource",
                                                List.of(Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                tableId(template, "eventline-test-ordering-events"),
                                                                "Arn"))))),
                                        Match.objectLike(Map.of(
                                                "Action",
                                                appendOnly,
                                                "Resource",
                                                List.of(Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                tableId(
                                                                        template,
                                                                        "eventline-test-ordering-idempotency"),
                                                                "Arn"))))))))))));
        assertThat(context.consumers()).hasSize(2);
        assertThat(template.findResources("AWS::CloudWatch::Alarm"))
                .hasSize(2 /* iterator age */ + 2 /* stopped */ + 2 /* tampered records */ + 2 /* dlq depth */);
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    private static String tableId(Template template, String name) {
        return template.findResources(
                        "AWS::DynamoDB::Table",
                        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("TableName", name)))))
                .keySet()
                .iterator()
                .next();
    }
}
