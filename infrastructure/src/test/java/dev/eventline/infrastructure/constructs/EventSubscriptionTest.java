package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueProps;

class EventSubscriptionTest {

    @Test
    void matching_events_go_to_the_queue_and_undeliverable_ones_to_the_dead_letter_queue() {
        var stack = TestStacks.newStack();
        var target =
                new Queue(stack, "Target", QueueProps.builder().enforceSsl(true).build());
        new EventSubscription(
                stack,
                "Shipped",
                EventSubscription.Props.builder()
                        .ruleName("order-shipped")
                        .description("shipped orders")
                        .bus(EventBus.fromEventBusName(stack, "Bus", "eventline-test"))
                        .sources(List.of("eventline.ordering"))
                        .detailTypes(List.of("OrderShipped"))
                        .target(target)
                        .deadLetterQueueName("rule-dlq")
                        .build());
        var template = Template.fromStack(stack);
        String dlq = template.findResources(
                        "AWS::SQS::Queue",
                        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("QueueName", "rule-dlq")))))
                .keySet()
                .iterator()
                .next();
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Match.objectLike(Map.of(
                        "Name",
                        "order-shipped",
                        "EventBusName",
                        "eventline-test",
                        "EventPattern",
                        Map.of("source", List.of("eventline.ordering"), "detail-type", List.of("OrderShipped")),
                        "Targets",
                        List.of(Match.objectLike(Map.of(
                                "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(dlq, "Arn")))))))));
        assertThat(TestStacks.findings(stack))
                .filteredOn(f -> f.contains("Subscription") || f.contains("Shipped"))
                .isEmpty();
    }

    @Test
    void a_subscription_must_match_something() {
        var stack = TestStacks.newStack();
        var bus = EventBus.fromEventBusName(stack, "Bus", "eventline-test");
        var target = software.amazon.awscdk.services.sqs.Queue.fromQueueArn(
                stack, "Target", "arn:aws:sqs:us-east-1:123456789012:target");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventSubscription.Props.builder()
                        .ruleName("r")
                        .description("d")
                        .bus(bus)
                        .target(target)
                        .deadLetterQueueName("dlq")
                        .sources(List.of("eventline.ordering"))
                        .build())
                .withMessageContaining("at least one source and detail type");
    }
}
