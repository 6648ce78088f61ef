package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.getAtt;
import static dev.eventline.infrastructure.support.Resources.logicalId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class StreamMappingsTest {

    record Expected(FunctionSpec function, String eventsTable, String deadLetterQueue, Template template) {}

    private static List<Expected> consumers(Synthesized synthesized) {
        var names = synthesized.names();
        return List.of(
                new Expected(
                        FunctionSpec.ORDERING_PROJECTOR,
                        names.orderingEventsTable(),
                        names.orderingProjectorDlq(),
                        synthesized.ordering()),
                new Expected(
                        FunctionSpec.ORDERING_PUBLISHER,
                        names.orderingEventsTable(),
                        names.orderingPublisherDlq(),
                        synthesized.ordering()),
                new Expected(
                        FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER,
                        names.accountsEventsTable(),
                        names.accountsSnapshotChaserDlq(),
                        synthesized.accounts()),
                new Expected(
                        FunctionSpec.ACCOUNTS_PROJECTOR,
                        names.accountsEventsTable(),
                        names.accountsProjectorDlq(),
                        synthesized.accounts()));
    }

    @ForEachEnvironment
    void streamConsumersReadFromTrimHorizonWithTheEnvironmentsSettingsAndParkFailuresInTheirQueue(String env) {
        var synthesized = Synthesized.environment(env);
        var streams = synthesized.config().streams();
        for (Expected expected : consumers(synthesized)) {
            Template template = expected.template();
            String table = logicalId(template, "AWS::DynamoDB::Table", "TableName", expected.eventsTable());
            String queue = logicalId(template, "AWS::SQS::Queue", "QueueName", expected.deadLetterQueue());
            String alias = aliasOf(template, synthesized.names().function(expected.function()));
            template.hasResourceProperties(
                    "AWS::Lambda::EventSourceMapping",
                    Match.objectEquals(Map.ofEntries(
                            Map.entry("EventSourceArn", getAtt(table, "StreamArn")),
                            Map.entry("FunctionName", Match.anyValue()),
                            Map.entry("StartingPosition", "TRIM_HORIZON"),
                            Map.entry("BatchSize", streams.batchSize()),
                            Map.entry(
                                    "MaximumBatchingWindowInSeconds",
                                    streams.batchingWindow().toSeconds()),
                            Map.entry("BisectBatchOnFunctionError", true),
                            Map.entry("MaximumRetryAttempts", streams.retryAttempts()),
                            Map.entry(
                                    "MaximumRecordAgeInSeconds",
                                    streams.maxRecordAge().toSeconds()),
                            Map.entry("FunctionResponseTypes", List.of("ReportBatchItemFailures")),
                            Map.entry("ParallelizationFactor", streams.parallelizationFactor()),
                            Map.entry(
                                    "DestinationConfig",
                                    Map.of("OnFailure", Map.of("Destination", getAtt(queue, "Arn")))))));
            assertThat(mappingFunction(template, queue))
                    .as("%s invokes its live alias", expected.function())
                    .asString()
                    .contains("\"Ref\":\"" + alias + "\"")
                    .contains(":live");
        }
    }

    @ForEachEnvironment
    void shippingNotificationsConsumeTheirQueueInBatchesOfTenWithPartialFailures(String env) {
        var synthesized = Synthesized.environment(env);
        Template ordering = synthesized.ordering();
        String queue = logicalId(
                ordering, "AWS::SQS::Queue", "QueueName", synthesized.names().shippingNotificationsQueue());
        ordering.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Match.objectLike(Map.of(
                        "EventSourceArn", getAtt(queue, "Arn"),
                        "BatchSize", 10,
                        "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
        String alias = aliasOf(ordering, synthesized.names().function(FunctionSpec.SHIPPING_NOTIFICATIONS));
        var mappings = ordering.findResources(
                "AWS::Lambda::EventSourceMapping",
                Match.objectLike(
                        Map.of("Properties", Match.objectLike(Map.of("EventSourceArn", getAtt(queue, "Arn"))))));
        assertThat(json(mappings.values().iterator().next()))
                .contains("\"Ref\":\"" + alias + "\"")
                .contains(":live");
    }

    @ForEachEnvironment
    void onlyTheFiveConsumersHaveEventSourceMappings(String env) {
        var synthesized = Synthesized.environment(env);
        assertThat(synthesized.ordering().findResources("AWS::Lambda::EventSourceMapping"))
                .hasSize(3);
        assertThat(synthesized.accounts().findResources("AWS::Lambda::EventSourceMapping"))
                .hasSize(2);
    }

    private static String aliasOf(Template template, String functionName) {
        String function = logicalId(template, "AWS::Lambda::Function", "FunctionName", functionName);
        var aliases = template.findResources(
                "AWS::Lambda::Alias",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of("FunctionName", Map.of("Ref", function), "Name", "live")))));
        assertThat(aliases).hasSize(1);
        return aliases.keySet().iterator().next();
    }

    private static String mappingFunction(Template template, String deadLetterQueue) {
        var mappings = template.findResources(
                "AWS::Lambda::EventSourceMapping",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of(
                                "DestinationConfig",
                                Map.of("OnFailure", Map.of("Destination", getAtt(deadLetterQueue, "Arn"))))))));
        assertThat(mappings).hasSize(1);
        @SuppressWarnings("unchecked")
        var properties =
                (Map<String, Object>) mappings.values().iterator().next().get("Properties");
        return json(properties.get("FunctionName"));
    }

    private static String json(Object value) {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(value)
                .toString();
    }
}
