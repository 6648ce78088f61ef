package dev.eventline.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReaderDynamicReferencesTest {

    /** One stack writes a parameter, another reads it at deploy time ({{resolve:ssm:...}}), as the push API's URL. */
    private static final String WRITER = """
            {"Resources": {
              "PushApi": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "push", "ProtocolType": "WEBSOCKET"}},
              "CallbackUrl": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/eventline/dev/ordering/push-callback-url",
                  "Type": "String", "Value": {"Fn::Join": ["", ["https://", {"Ref": "PushApi"}, ".execute-api.",
                  {"Ref": "AWS::Region"}, ".amazonaws.com/dev"]]}}}
            }}
            """;

    private static final String READER = """
            {"Resources": {
              "Projector": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "eventline-dev-accounts-projector",
                  "Handler": "dev.eventline.accounts.projector.AccountProjectionHandler::handleRequest",
                  "Environment": {"Variables": {"PUSH_ENDPOINT": "%s"}}}}
            }}
            """;

    @Test
    void an_ssm_reference_resolves_to_the_value_of_the_parameter_another_template_creates(@TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("Ordering.template.json"), WRITER);
        Files.writeString(
                dir.resolve("Accounts.template.json"),
                READER.formatted("{{resolve:ssm:/eventline/dev/ordering/push-callback-url}}"));

        Topology topology = TemplateReader.read(dir);

        assertThat(topology.functions())
                .singleElement()
                .satisfies(f -> assertThat(f.environment())
                        .containsEntry("PUSH_ENDPOINT", "https://PushApi.execute-api.us-east-1.amazonaws.com/dev"));
    }

    @Test
    void a_reference_to_a_parameter_no_template_creates_fails_loudly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Ordering.template.json"), WRITER);
        Files.writeString(
                dir.resolve("Accounts.template.json"), READER.formatted("{{resolve:ssm:/eventline/dev/nowhere}}"));

        assertThatThrownBy(() -> TemplateReader.read(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/eventline/dev/nowhere");
    }
}
