package dev.eventline.infrastructure.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.LocalTemplateExport;
import dev.eventline.infrastructure.assets.RepositoryRoot;
import dev.eventline.infrastructure.support.Synthesized;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTemplateExportTest {

    private static final String STALE = "The committed local templates differ from a fresh export: run make synth "
            + "(mvn -B -q -pl infrastructure compile exec:java -Dexec.mainClass=dev.eventline.infrastructure.LocalTemplateExport) "
            + "and commit localstack/template/";

    @Test
    void committed_local_templates_match_a_fresh_export(@TempDir Path fresh) throws IOException {
        List<Path> exported = LocalTemplateExport.export(
                Synthesized.environment(LocalTemplateExport.ENVIRONMENT).assembly(), fresh);
        Path committed = LocalTemplateExport.defaultTarget(RepositoryRoot.locate(Optional.empty()));
        assertThat(templateNames(committed)).as(STALE).containsExactlyInAnyOrderElementsOf(templateNames(fresh));
        for (Path file : exported) {
            assertThat(Files.readString(committed.resolve(file.getFileName())))
                    .as(STALE + " (" + file.getFileName() + ")")
                    .isEqualTo(Files.readString(file));
        }
    }

    @Test
    void exported_templates_carry_plain_physical_names_no_code_and_no_cdk_metadata(@TempDir Path fresh)
            throws IOException {
        var json = new ObjectMapper();
        for (Path file : LocalTemplateExport.export(
                Synthesized.environment(LocalTemplateExport.ENVIRONMENT).assembly(), fresh)) {
            String text = Files.readString(file);
            assertThat(text)
                    .doesNotContain("AWS::CDK::Metadata")
                    .doesNotContain("\"Metadata\"")
                    .doesNotContain("aws:asset");
            assertThat(text).doesNotContainPattern("[0-9a-f]{64}");
            for (JsonNode resource : json.readTree(text).path("Resources")) {
                JsonNode properties = resource.path("Properties");
                for (String name : List.of("TableName", "QueueName", "FunctionName", "RuleName", "TopicName")) {
                    if (properties.has(name)
                            && !resource.path("Type")
                                    .asText()
                                    .matches("AWS::Lambda::(Version|Alias|Permission|EventSourceMapping)")) {
                        assertThat(properties.get(name).isTextual())
                                .as("%s of %s is a plain string", name, resource.path("Type"))
                                .isTrue();
                    }
                }
                if (resource.path("Type").asText().equals("AWS::Lambda::Function")) {
                    assertThat(properties.path("Code").path("S3Bucket").asText())
                            .isEqualTo(TemplateNormalizer.PLACEHOLDER_BUCKET);
                }
                if (resource.path("Type")
                        .asText()
                        .matches("AWS::(Events::(EventBus|Rule)|EventSchemas::Registry|ApiGatewayV2::Api)")) {
                    JsonNode name = properties.has("Name") ? properties.get("Name") : properties.get("RegistryName");
                    assertThat(name.isTextual())
                            .as("name of %s", resource.path("Type"))
                            .isTrue();
                }
            }
        }
    }

    private static List<String> templateNames(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(LocalTemplateExport.SUFFIX))
                    .sorted()
                    .toList();
        }
    }
}
