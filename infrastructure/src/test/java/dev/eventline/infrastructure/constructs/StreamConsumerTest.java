package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.TestStacks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StreamConsumerTest {

    @Test
    void a_consumer_reads_the_stream_through_its_alias_and_parks_failures_in_its_dead_letter_queue() {
        var stack = TestStacks.newStack();
        var events = new EventStoreTable(
                stack,
                "Events",
                EventStoreTable.Props.builder().tableName("events").build());
        new StreamConsumer(
                stack,
                "Projector",
                StreamConsumer.Props.builder()
                        .function(TestStacks.function(FunctionSpec.ORDERING_PROJECTOR)
                                .build())
                        .source(events.table())
                        .deadLetterQueueName("eventline-test-projector-dlq")
                        .consumption(TestStacks.STREAMS)
                        .alerting(TestStacks.alerting(stack))
                        .build());
        var template = Template.fromStack(stack);
        String table = template.findResources("AWS::DynamoDB::Table")
                .keySet()
                .iterator()
                .next();
        String queue =
                template.findResources("AWS::SQS::Queue").keySet().iterator().next();
        String alias =
                template.findResources("AWS::Lambda::Alias").keySet().iterator().next();
        template.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Map.ofEntries(
                        Map.entry("EventSourceArn", Map.of("Fn::GetAtt", List.of(table, "StreamArn"))),
                        Map.entry("FunctionName", Match.anyValue()),
                        Map.entry("StartingPosition", "TRIM_HORIZON"),
                        Map.entry("BatchSize", 50),
                        Map.entry("MaximumBatchingWindowInSeconds", 2),
                        Map.entry("BisectBatchOnFunctionError", true),
                        Map.entry("MaximumRetryAttempts", 4),
                        Map.entry("MaximumRecordAgeInSeconds", 1800),
                        Map.entry("FunctionResponseTypes", List.of("ReportBatchItemFailures")),
                        Map.entry("ParallelizationFactor", 3),
                        Map.entry(
                                "DestinationConfig",
                                Map.of(
                                        "OnFailure",
                                        Map.of("Destination", Map.of("Fn::GetAtt", List.of(queue, "Arn")))))));
        assertThat(template.toJSON().toString()).contains(alias);
        template.hasResourceProperties(
                "AWS::SQS::Queue",
                Match.objectLike(
                        Map.of("QueueName", "eventline-test-projector-dlq", "MessageRetentionPeriod", 1_209_600)));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        "eventline-test-ordering-projector-iterator-age",
                        "MetricName",
                        "IteratorAge",
                        "Statistic",
                        "Maximum",
                        "Threshold",
                        1000)));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm", Match.objectLike(Map.of("AlarmName", "eventline-test-projector-dlq-depth")));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }
}
