package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.EnvironmentConfig.QueueConsumption;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.TestStacks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class QueueConsumerTest {

    @Test
    void the_queue_outlasts_six_function_timeouts_and_redrives_to_its_dead_letter_queue() {
        var stack = TestStacks.newStack();
        new QueueConsumer(
                stack,
                "Shipping",
                QueueConsumer.Props.builder()
                        .queueName("work")
                        .deadLetterQueueName("work-dlq")
                        .function(TestStacks.function(FunctionSpec.SHIPPING_NOTIFICATIONS)
                                .build())
                        .consumption(new QueueConsumption(10, 5, 6, Duration.ofDays(14), 3))
                        .alerting(TestStacks.alerting(stack))
                        .build());
        var template = Template.fromStack(stack);
        String dlq = template.findResources(
                        "AWS::SQS::Queue",
                        Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("QueueName", "work-dlq")))))
                .keySet()
                .iterator()
                .next();
        template.hasResourceProperties(
                "AWS::SQS::Queue",
                Match.objectLike(Map.of(
                        "QueueName",
                        "work",
                        "VisibilityTimeout",
                        120,
                        "RedrivePolicy",
                        Map.of(
                                "deadLetterTargetArn",
                                Map.of("Fn::GetAtt", List.of(dlq, "Arn")),
                                "maxReceiveCount",
                                5))));
        template.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Match.objectLike(Map.of("BatchSize", 10, "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }
}
