package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventline.infrastructure.support.TestStacks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DeadLetterQueueTest {

    @Test
    void a_dead_letter_queue_keeps_messages_fourteen_days_and_alarms_on_the_first_one() {
        var stack = TestStacks.newStack();
        new DeadLetterQueue(
                stack,
                "Dlq",
                DeadLetterQueue.Props.builder()
                        .queueName("eventline-test-thing-dlq")
                        .purpose("things that failed")
                        .alerting(TestStacks.alerting(stack))
                        .build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties(
                "AWS::SQS::Queue",
                Map.of(
                        "QueueName",
                        "eventline-test-thing-dlq",
                        "MessageRetentionPeriod",
                        1_209_600,
                        "SqsManagedSseEnabled",
                        true));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", "eventline-test-thing-dlq-depth",
                        "MetricName", "ApproximateNumberOfMessagesVisible",
                        "Statistic", "Maximum",
                        "Threshold", 0,
                        "ComparisonOperator", "GreaterThanThreshold",
                        "AlarmActions", List.of(TestStacks.ALARM_TOPIC_ARN))));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void sqs_cannot_keep_messages_longer_than_fourteen_days() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeadLetterQueue.Props.builder()
                        .queueName("q")
                        .purpose("p")
                        .retention(Duration.ofDays(15))
                        .build())
                .withMessageContaining("PT360H");
    }
}
