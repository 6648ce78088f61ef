package dev.eventline.infrastructure.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

class CdkNagTest {

    // the messages are read from the cached cloud assembly: assertions.Annotations.fromStack would
    // synthesize the whole app again on every call

    @ForEachEnvironment
    void awsSolutionsChecksReportNoUnsuppressedErrorOrWarning(String env) {
        var synthesized = Synthesized.environment(env);
        for (CloudFormationStackArtifact stack : synthesized.assembly().getStacks()) {
            assertThat(findings(stack))
                    .as("cdk-nag findings in %s", stack.getStackName())
                    .noneMatch(message -> message.contains("AwsSolutions-"));
        }
    }

    @ForEachEnvironment
    void synthesisReportsNoErrorOrWarningAtAll(String env) {
        var synthesized = Synthesized.environment(env);
        assertThat(synthesized.assembly().getStacks()).hasSize(4);
        for (CloudFormationStackArtifact stack : synthesized.assembly().getStacks()) {
            assertThat(findings(stack))
                    .as("errors and warnings of %s", stack.getStackName())
                    .isEmpty();
        }
    }

    /** Errors and warnings (with the construct path) recorded for a stack. */
    @SuppressWarnings("deprecation") // cxapi messages: the only reader of synthesis messages in Java
    private static List<String> findings(CloudFormationStackArtifact stack) {
        return stack.getMessages().stream()
                .filter(message -> message.getLevel() == SynthesisMessageLevel.ERROR
                        || message.getLevel() == SynthesisMessageLevel.WARNING)
                .map(message -> message.getLevel() + " " + message.getId() + ": "
                        + message.getEntry().getData())
                .toList();
    }

    @ForEachEnvironment
    void everySuppressionGivesItsReason(String env) {
        var synthesized = Synthesized.environment(env);
        int suppressions = 0;
        for (CloudFormationStackArtifact stack : synthesized.assembly().getStacks()) {
            JsonNode resources =
                    new ObjectMapper().valueToTree(stack.getTemplate()).path("Resources");
            for (JsonNode resource : resources) {
                for (JsonNode rule : resource.path("Metadata").path("cdk_nag").path("rules_to_suppress")) {
                    suppressions++;
                    assertThat(rule.path("id").asText()).startsWith("AwsSolutions-");
                    assertThat(rule.path("reason").asText())
                            .as("reason of %s in %s", rule.path("id"), stack.getStackName())
                            .hasSizeGreaterThan(40);
                }
            }
        }
        assertThat(suppressions).isPositive();
    }
}
