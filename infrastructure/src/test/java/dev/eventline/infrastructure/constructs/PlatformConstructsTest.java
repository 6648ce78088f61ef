package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.support.TestStacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class PlatformConstructsTest {

    @Test
    void the_bus_archives_its_events_for_the_retention() {
        var stack = TestStacks.newStack();
        new PlatformEventBus(
                stack,
                "Bus",
                PlatformEventBus.Props.builder()
                        .busName("eventline-test")
                        .archiveName("eventline-test-archive")
                        .archiveRetention(Duration.ofDays(9))
                        .build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Events::EventBus", Match.objectLike(Map.of("Name", "eventline-test")));
        template.hasResourceProperties(
                "AWS::Events::Archive",
                Match.objectLike(Map.of(
                        "ArchiveName",
                        "eventline-test-archive",
                        "RetentionDays",
                        9,
                        "EventPattern",
                        Map.of("account", List.of(Map.of("Ref", "AWS::AccountId"))))));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void the_alarm_topic_is_encrypted_with_a_rotating_key_and_tls_only() {
        var stack = TestStacks.newStack();
        new AlarmTopic(
                stack,
                "Alarms",
                AlarmTopic.Props.builder()
                        .topicName("alarms")
                        .keyAlias("alias/alarms")
                        .build());
        var template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        template.hasResourceProperties(
                "AWS::SNS::Topic", Match.objectLike(Map.of("TopicName", "alarms", "KmsMasterKeyId", Match.anyValue())));
        template.hasResource("AWS::KMS::Key", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
        assertThat(TestStacks.findings(stack)).isEmpty();
    }

    @Test
    void the_registry_holds_the_latest_version_of_each_event_type(@TempDir Path schemas) throws IOException {
        write(schemas.resolve("ordering/OrderPlaced/v1.schema.json"), "{\"title\":\"v1\"}");
        write(schemas.resolve("ordering/OrderPlaced/v2.schema.json"), "{\"title\":\"v2\"}");
        write(schemas.resolve("accounts/MoneyDeposited/v1.schema.json"), "{\"title\":\"deposit\"}");
        var stack = TestStacks.newStack();
        new EventSchemaRegistry(
                stack,
                "Registry",
                EventSchemaRegistry.Props.builder()
                        .registryName("eventline-test")
                        .schemasDirectory(schemas)
                        .build());
        var template = Template.fromStack(stack);
        template.resourceCountIs("AWS::EventSchemas::Schema", 2);
        String registry = template.findResources("AWS::EventSchemas::Registry")
                .keySet()
                .iterator()
                .next();
        template.hasResource(
                "AWS::EventSchemas::Schema",
                Match.objectLike(Map.of(
                        "DependsOn", List.of(registry),
                        "Properties",
                                Match.objectLike(Map.of(
                                        "RegistryName", "eventline-test",
                                        "SchemaName", "eventline.ordering@OrderPlaced",
                                        "Type", "JSONSchemaDraft4",
                                        "Content", "{\"title\":\"v2\"}")))));
        template.hasResourceProperties(
                "AWS::EventSchemas::Schema",
                Match.objectLike(Map.of("SchemaName", "eventline.accounts@MoneyDeposited")));
    }

    @Test
    void a_missing_schemas_folder_means_an_empty_registry(@TempDir Path nowhere) {
        var stack = TestStacks.newStack();
        new EventSchemaRegistry(
                stack,
                "Registry",
                EventSchemaRegistry.Props.builder()
                        .registryName("eventline-test")
                        .schemasDirectory(nowhere.resolve("schemas"))
                        .build());
        var template = Template.fromStack(stack);
        template.resourceCountIs("AWS::EventSchemas::Registry", 1);
        template.resourceCountIs("AWS::EventSchemas::Schema", 0);
    }

    @Test
    void the_dashboard_addresses_metrics_by_physical_name() {
        var stack = TestStacks.newStack();
        var api = new software.amazon.awscdk.services.apigatewayv2.HttpApi(stack, "Api");
        new OperationsDashboard(
                stack,
                "Ops",
                OperationsDashboard.Props.builder()
                        .dashboardName("eventline-test")
                        .api(api)
                        .metricsNamespace("Eventline/test")
                        .projectorService("projector")
                        .publisherService("publisher")
                        .commandFunctions(List.of("commands"))
                        .functions(List.of("commands", "queries"))
                        .deadLetterQueues(List.of("dlq-1"))
                        .build());
        var template = Template.fromStack(stack);
        var dashboard = template.findResources("AWS::CloudWatch::Dashboard")
                .values()
                .iterator()
                .next();
        String body = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(dashboard)
                .toString();
        assertThat(body)
                .contains("eventline-test")
                .contains("\\\"ProjectionLagMs\\\",\\\"Service\\\",\\\"projector\\\"")
                .contains("\\\"QueueName\\\",\\\"dlq-1\\\"")
                .contains("\\\"Errors\\\",\\\"FunctionName\\\",\\\"queries\\\"");
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
