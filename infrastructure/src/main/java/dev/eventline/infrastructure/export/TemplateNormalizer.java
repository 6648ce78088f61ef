package dev.eventline.infrastructure.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes a synthesized template deterministic and code-free for the local provisioner: no CDK
 * metadata, no {@code Metadata} keys, Lambda {@code Code} replaced by a fixed S3 location naming
 * the function, and asset hashes (also the code hash in Lambda version logical ids) replaced by
 * {@value #ASSET_HASH}.
 */
public final class TemplateNormalizer {

    public static final String ASSET_HASH = "ASSETHASH";
    public static final String PLACEHOLDER_BUCKET = "eventline-local-assets";

    private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");
    /** {@code <FunctionLogicalId>CurrentVersion<8 hex><md5 of the function's code and configuration>}. */
    private static final Pattern VERSION_LOGICAL_ID = Pattern.compile("(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}\\b");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private TemplateNormalizer() {}

    public static String normalize(String templateJson) {
        try {
            var template = (ObjectNode) JSON.readTree(templateJson);
            template.remove("Metadata");
            dropCdkMetadata(template);
            JsonNode resources = template.path("Resources");
            for (Map.Entry<String, JsonNode> resource : resources.properties()) {
                var node = (ObjectNode) resource.getValue();
                node.remove("Metadata");
                if ("AWS::Lambda::Function".equals(node.path("Type").asText())) {
                    replaceCode((ObjectNode) node.path("Properties"));
                }
            }
            String printed = JSON.writer(PRINTER).writeValueAsString(template) + "\n";
            printed = VERSION_LOGICAL_ID.matcher(printed).replaceAll("$1" + ASSET_HASH);
            return SHA256.matcher(printed).replaceAll(ASSET_HASH);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON template", e);
        }
    }

    private static void dropCdkMetadata(ObjectNode template) {
        JsonNode resources = template.path("Resources");
        var metadata = new ArrayList<String>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if ("AWS::CDK::Metadata".equals(resource.getValue().path("Type").asText())) {
                metadata.add(resource.getKey());
            }
        }
        metadata.forEach(((ObjectNode) resources)::remove);
        if (template.path("Conditions") instanceof ObjectNode conditions) {
            conditions.remove("CDKMetadataAvailable");
            if (conditions.isEmpty()) {
                template.remove("Conditions");
            }
        }
    }

    private static void replaceCode(ObjectNode properties) {
        String functionName = properties.path("FunctionName").asText("function");
        var code = JSON.createObjectNode();
        code.put("S3Bucket", PLACEHOLDER_BUCKET);
        code.put("S3Key", functionName + ".jar");
        properties.set("Code", code);
    }
}
