package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/**
 * In staging and prod each context's tables, queues and Lambda log groups are encrypted with that
 * context's own customer-managed key (rotation on); dev keeps AWS-managed keys (no key to pay for).
 */
class EncryptionTest {

    @ForEachEnvironment
    void every_table_queue_and_log_group_of_a_context_uses_its_rotating_key_outside_dev(String env) {
        var synthesized = Synthesized.environment(env);
        for (var context :
                List.of(Map.entry("ordering", synthesized.ordering()), Map.entry("accounts", synthesized.accounts()))) {
            Template template = context.getValue();
            String alias = synthesized.names().contextKeyAlias(context.getKey());
            if (!synthesized.config().customerManagedKeys()) {
                assertThat(template.findResources("AWS::KMS::Alias").values().stream()
                                .map(a -> properties(a).get("AliasName")))
                        .doesNotContain(alias);
                continue;
            }
            String key = keyBehind(template, alias);
            assertThat(properties(template.findResources("AWS::KMS::Key").get(key)))
                    .containsEntry("EnableKeyRotation", true);
            Map<String, Object> byKey = Map.of("Fn::GetAtt", List.of(key, "Arn"));
            template.findResources("AWS::DynamoDB::Table")
                    .forEach((id, table) -> assertThat(properties(table).get("SSESpecification"))
                            .as(id)
                            .isEqualTo(Map.of("SSEEnabled", true, "SSEType", "KMS", "KMSMasterKeyId", byKey)));
            template.findResources("AWS::SQS::Queue")
                    .forEach((id, queue) -> assertThat(properties(queue).get("KmsMasterKeyId"))
                            .as(id)
                            .isEqualTo(byKey));
            template.findResources("AWS::Logs::LogGroup")
                    .forEach((id, logGroup) -> assertThat(properties(logGroup).get("KmsKeyId"))
                            .as(id)
                            .isEqualTo(byKey));
            assertThat(String.valueOf(
                            properties(template.findResources("AWS::KMS::Key").get(key))
                                    .get("KeyPolicy")))
                    .as("CloudWatch Logs and EventBridge (rule targets) may use it")
                    .contains("logs.")
                    .contains("events.amazonaws.com");
        }
    }

    @SuppressWarnings("unchecked")
    private static String keyBehind(Template template, String alias) {
        var target = (Map<String, Object>) properties(resource(template, "AWS::KMS::Alias", "AliasName", alias))
                .get("TargetKeyId");
        return ((List<String>) target.get("Fn::GetAtt")).getFirst();
    }
}
