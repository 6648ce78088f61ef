package dev.eventline.infrastructure.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateNormalizerTest {

    private static final String HASH = "a".repeat(64);
    private static final String TEMPLATE = """
            {
              "Resources": {
                "CDKMetadata": {"Type": "AWS::CDK::Metadata", "Properties": {"Analytics": "v2:deflate64:xyz"}, "Condition": "CDKMetadataAvailable"},
                "FnABCDEF12": {
                  "Type": "AWS::Lambda::Function",
                  "Properties": {"FunctionName": "eventline-dev-x", "Code": {"S3Bucket": "b", "S3Key": "%s.jar"}},
                  "Metadata": {"aws:asset:path": "asset.%s.jar"}
                },
                "FnCurrentVersion1234ABCD0123456789abcdef0123456789abcdef": {
                  "Type": "AWS::Lambda::Version",
                  "Properties": {"FunctionName": {"Ref": "FnABCDEF12"}}
                }
              },
              "Conditions": {"CDKMetadataAvailable": {"Fn::Equals": ["a", "a"]}},
              "Metadata": {"cdk_nag": {}}
            }
            """.formatted(HASH, HASH);

    @Test
    void drops_cdk_metadata_and_replaces_code_and_hashes() {
        String normalized = TemplateNormalizer.normalize(TEMPLATE);
        assertThat(normalized)
                .doesNotContain(
                        "AWS::CDK::Metadata",
                        "CDKMetadataAvailable",
                        "\"Metadata\"",
                        HASH,
                        "0123456789abcdef0123456789abcdef")
                .contains("\"FnCurrentVersion1234ABCDASSETHASH\"")
                .contains("\"S3Bucket\": \"eventline-local-assets\"", "\"S3Key\": \"eventline-dev-x.jar\"")
                .doesNotContain("\"Conditions\"")
                .endsWith("}\n");
    }

    @Test
    void is_idempotent() {
        String once = TemplateNormalizer.normalize(TEMPLATE);
        assertThat(TemplateNormalizer.normalize(once)).isEqualTo(once);
    }
}
