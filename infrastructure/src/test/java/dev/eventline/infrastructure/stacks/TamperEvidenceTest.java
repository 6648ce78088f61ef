package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import software.amazon.awscdk.assertions.Template;

/**
 * What stops an event from being changed, and what makes a change visible: the events tables'
 * own policies, the bus's policy, and an alarm on the first tampered record a consumer meets.
 */
class TamperEvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ForEachEnvironment
    void every_events_table_denies_updates_and_deletes_to_all_but_the_break_glass_role(String env) {
        var synthesized = Synthesized.environment(env);
        ResourceNames names = synthesized.names();
        for (var table : List.of(
                Map.entry(synthesized.ordering(), names.orderingEventsTable()),
                Map.entry(synthesized.accounts(), names.accountsEventsTable()))) {
            JsonNode policy = json(properties(
                                    resource(table.getKey(), "AWS::DynamoDB::Table", "TableName", table.getValue()))
                            .get("ResourcePolicy"))
                    .path("PolicyDocument");
            assertThat(policy.path("Statement")).singleElement().satisfies(statement -> {
                assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
                assertThat(statement.path("Principal").toString()).isEqualTo("{\"AWS\":\"*\"}");
                assertThat(texts(statement.path("Action")))
                        .containsExactlyInAnyOrder(
                                "dynamodb:UpdateItem",
                                "dynamodb:DeleteItem",
                                "dynamodb:BatchWriteItem",
                                "dynamodb:PartiQLUpdate",
                                "dynamodb:PartiQLDelete");
                assertThat(statement.path("Resource").toString())
                        .as("its own table, by name: a GetAtt would be circular")
                        .contains(":table/" + table.getValue());
                assertThat(statement
                                .at("/Condition/ArnNotEquals/aws:PrincipalArn")
                                .toString())
                        .contains(":role/" + names.eventsBreakGlassRole());
            });
        }
    }

    @ForEachEnvironment
    void only_the_publishers_role_may_put_eventline_sources_on_the_bus(String env) {
        var synthesized = Synthesized.environment(env);
        ResourceNames names = synthesized.names();
        Template ordering = synthesized.ordering();
        Map<String, Map<String, Object>> policies = ordering.findResources("AWS::Events::EventBusPolicy");
        assertThat(policies).hasSize(1);
        JsonNode policy = json(policies.values().iterator().next()).path("Properties");
        assertThat(policy.path("EventBusName").asText()).isEqualTo(names.eventBus());
        JsonNode statement = policy.path("Statement");
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Principal").toString()).isEqualTo("{\"AWS\":\"*\"}");
        assertThat(statement.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(statement.at("/Condition/StringLike/events:source").asText()).isEqualTo("eventline.*");
        String publisherRole = dev.eventline.infrastructure.support.Resources.logicalId(
                ordering,
                "AWS::IAM::Role",
                "Description",
                "Execution role of " + names.function(FunctionSpec.ORDERING_PUBLISHER));
        assertThat(statement
                        .at("/Condition/ArnNotEquals/aws:PrincipalArn/Fn::GetAtt/0")
                        .asText())
                .isEqualTo(publisherRole);
    }

    @ForEachEnvironment
    void a_single_tampered_record_raises_an_alarm_for_every_stream_consumer(String env) {
        var synthesized = Synthesized.environment(env);
        ResourceNames names = synthesized.names();
        for (var consumer : List.of(
                Map.entry(synthesized.ordering(), FunctionSpec.ORDERING_PROJECTOR),
                Map.entry(synthesized.ordering(), FunctionSpec.ORDERING_PUBLISHER),
                Map.entry(synthesized.accounts(), FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER))) {
            JsonNode alarm = json(properties(resource(
                    consumer.getKey(),
                    "AWS::CloudWatch::Alarm",
                    "AlarmName",
                    names.alarm(names.function(consumer.getValue()), "tampered-records"))));
            assertThat(alarm.path("MetricName").asText()).isEqualTo("TamperedRecords");
            assertThat(alarm.path("Namespace").asText())
                    .isEqualTo(synthesized.config().metricsNamespace());
            assertThat(alarm.path("Dimensions").toString())
                    .isEqualTo("[{\"Name\":\"Service\",\"Value\":\""
                            + consumer.getValue().service() + "\"}]");
            assertThat(alarm.path("Threshold").asDouble()).isZero();
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.path("EvaluationPeriods").asInt())
                    .as("one period, whatever the environment")
                    .isEqualTo(1);
            assertThat(alarm.path("AlarmActions")).isNotEmpty();
        }
    }

    private static JsonNode json(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode node) {
        return node.isArray()
                ? StreamSupport.stream(node.spliterator(), false)
                        .map(JsonNode::asText)
                        .toList()
                : List.of(node.asText());
    }
}
