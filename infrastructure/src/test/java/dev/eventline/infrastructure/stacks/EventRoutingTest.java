package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.getAtt;
import static dev.eventline.infrastructure.support.Resources.logicalId;

import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class EventRoutingTest {

    @ForEachEnvironment
    void shippedOrdersOnTheBusReachTheShippingQueueWithUndeliverableEventsParked(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        String queue = logicalId(ordering, "AWS::SQS::Queue", "QueueName", names.shippingNotificationsQueue());
        String deadLetters = logicalId(ordering, "AWS::SQS::Queue", "QueueName", names.shippingRuleDlq());
        ordering.hasResourceProperties(
                "AWS::Events::Rule",
                Match.objectLike(Map.of(
                        "Name", names.orderShippedRule(),
                        "EventBusName", "eventline-" + env,
                        "State", "ENABLED",
                        "EventPattern",
                                Match.objectEquals(Map.of(
                                        "source", List.of("eventline.ordering"),
                                        "detail-type", List.of("OrderShipped"))),
                        "Targets",
                                List.of(Match.objectLike(Map.of(
                                        "Arn", getAtt(queue, "Arn"),
                                        "DeadLetterConfig", Map.of("Arn", getAtt(deadLetters, "Arn"))))))));
        // this rule and the consistency verifier's schedule (ConsistencyVerifierTest)
        ordering.resourceCountIs("AWS::Events::Rule", 2);
    }

    @ForEachEnvironment
    void eventBridgeMaySendOnlyThisRulesEventsToTheQueueAndItsDeadLetters(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        String rule = logicalId(ordering, "AWS::Events::Rule", "Name", names.orderShippedRule());
        // the target queue also answers EventBridge's attribute lookups; its dead-letter queue only receives
        Map<String, Object> actions = Map.of(
                names.shippingNotificationsQueue(),
                List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                names.shippingRuleDlq(),
                "sqs:SendMessage");
        for (String queueName : actions.keySet()) {
            String queue = logicalId(ordering, "AWS::SQS::Queue", "QueueName", queueName);
            ordering.hasResourceProperties(
                    "AWS::SQS::QueuePolicy",
                    Match.objectLike(Map.of(
                            "Queues", List.of(Map.of("Ref", queue)),
                            "PolicyDocument",
                                    Match.objectLike(Map.of(
                                            "Statement",
                                            Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                    "Effect", "Allow",
                                                    "Action", actions.get(queueName),
                                                    "Principal", Map.of("Service", "events.amazonaws.com"),
                                                    "Condition",
                                                            Map.of(
                                                                    "ArnEquals",
                                                                    Map.of(
                                                                            "aws:SourceArn",
                                                                            getAtt(rule, "Arn"))))))))))));
        }
    }
}
