package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Policies;
import dev.eventline.infrastructure.support.Policies.Statement;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.assertions.Template;

/**
 * The consistency-token key: a SecureString parameter per context and environment, put by the
 * bootstrap step (CloudFormation cannot create one), named to the functions that sign and verify,
 * and readable by them alone, with {@code ssm:GetParameter} on that one parameter.
 */
class ConsistencyTokenKeyTest {

    @ForEachEnvironment
    void onlyTheApisThatSignOrVerifyMayReadTheirContextsKey(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Map<FunctionSpec, String> readers = Map.of(
                FunctionSpec.ORDERING_COMMAND_API, names.consistencyKeyParameter("ordering"),
                FunctionSpec.ORDERING_QUERY_API, names.consistencyKeyParameter("ordering"),
                FunctionSpec.ACCOUNTS_API, names.consistencyKeyParameter("accounts"));
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            Template template = FunctionsTest.stackOf(synthesized, spec);
            List<Statement> ssm = Policies.ofFunction(template, names.function(spec)).stream()
                    .filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith("ssm:")))
                    .toList();
            if (readers.containsKey(spec)) {
                assertThat(ssm).as(spec.name()).hasSize(1);
                assertThat(ssm.getFirst().actions()).isEqualTo(List.of("ssm:GetParameter"));
                assertThat(ssm.getFirst().effect()).isEqualTo("Allow");
                assertThat(ssm.getFirst().resources())
                        .as("exactly the context's parameter, no wildcard")
                        .contains(":parameter" + readers.get(spec) + "\"")
                        .doesNotContain("*");
            } else {
                assertThat(ssm).as(spec.name()).isEmpty();
            }
        }
    }

    @ForEachEnvironment
    void the_functions_that_read_a_key_read_it_through_the_parameters_and_secrets_extension_and_no_other_has_it(
            String env) {
        var synthesized = Synthesized.environment(env);
        Set<FunctionSpec> readers =
                Set.of(FunctionSpec.ORDERING_COMMAND_API, FunctionSpec.ORDERING_QUERY_API, FunctionSpec.ACCOUNTS_API);
        for (FunctionSpec spec : synthesized.config().deployedFunctions()) {
            Template template = FunctionsTest.stackOf(synthesized, spec);
            var function = properties(resource(
                    template,
                    "AWS::Lambda::Function",
                    "FunctionName",
                    synthesized.names().function(spec)));
            String layers = String.valueOf(function.get("Layers"));
            if (readers.contains(spec)) {
                // CDK's per-region map of the layer's ARNs, at the pinned version for arm64
                assertThat(layers)
                        .as(spec.name())
                        .contains("ParamsandsecretslayerMap")
                        .contains("1x0x103xarm64");
                assertThat(String.valueOf(template.toJSON().get("Mappings")))
                        .contains("layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:");
            } else {
                assertThat(layers).as(spec.name()).doesNotContain("Parameters-and-Secrets");
            }
        }
    }

    @ForEachEnvironment
    void theKeyIsNamedPerEnvironmentAndContextAndNeverPutInTheTemplate(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();

        assertThat(names.consistencyKeyParameter("ordering"))
                .isEqualTo("/eventline/" + env + "/ordering/consistency-token-key");
        for (Template template : synthesized.allTemplates()) {
            // the only parameters a template puts are the push API's public id and URLs (read-side.md)
            assertThat(template.findResources("AWS::SSM::Parameter").values())
                    .allSatisfy(parameter -> assertThat(
                                    String.valueOf(((java.util.Map<?, ?>) parameter.get("Properties")).get("Name")))
                            .startsWith("/eventline/" + env + "/ordering/push-"));
            assertThat(template.findResources("AWS::SecretsManager::Secret")).isEmpty();
        }
    }
}
