package dev.eventline.infrastructure.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.SynthesizeAll;
import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class ConsoleHostingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode template(String env) {
        return JSON.valueToTree(Synthesized.environment(env).api().toJSON());
    }

    private static List<JsonNode> resources(JsonNode template, String type) {
        var found = new ArrayList<JsonNode>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        return found;
    }

    private static JsonNode only(JsonNode template, String type) {
        List<JsonNode> found = resources(template, type);
        assertThat(found).as(type).hasSize(1);
        return found.getFirst().path("Properties");
    }

    private static JsonNode distribution(String env) {
        return only(template(env), "AWS::CloudFront::Distribution").path("DistributionConfig");
    }

    @ForEachEnvironment
    void both_buckets_block_public_access_encrypt_and_refuse_plain_http(String env) {
        JsonNode template = template(env);
        List<JsonNode> buckets = resources(template, "AWS::S3::Bucket");
        assertThat(buckets).hasSize(2);
        for (JsonNode bucket : buckets) {
            JsonNode block = bucket.path("Properties").path("PublicAccessBlockConfiguration");
            assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                    .allSatisfy(flag ->
                            assertThat(block.path(flag).asBoolean()).as(flag).isTrue());
            assertThat(bucket.path("Properties")
                            .path("BucketEncryption")
                            .path("ServerSideEncryptionConfiguration")
                            .path(0)
                            .path("ServerSideEncryptionByDefault")
                            .path("SSEAlgorithm")
                            .asText())
                    .isEqualTo("AES256");
        }
        List<JsonNode> policies = resources(template, "AWS::S3::BucketPolicy");
        assertThat(policies).hasSize(2);
        for (JsonNode policy : policies) {
            assertThat(policy.path("Properties").path("PolicyDocument").path("Statement"))
                    .anySatisfy(statement -> {
                        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
                        assertThat(statement
                                        .path("Condition")
                                        .path("Bool")
                                        .path("aws:SecureTransport")
                                        .asText())
                                .isEqualTo("false");
                    });
            // whoever else a statement allows is named: no Allow to any principal
            assertThat(policy.path("Properties").path("PolicyDocument").path("Statement"))
                    .filteredOn(statement -> statement.path("Effect").asText().equals("Allow"))
                    .noneMatch(
                            statement -> statement.path("Principal").toString().contains("\"*\""));
        }
    }

    @ForEachEnvironment
    void the_console_bucket_is_versioned_and_logs_its_access_to_the_log_bucket(String env) {
        JsonNode files = resources(template(env), "AWS::S3::Bucket").stream()
                .filter(bucket -> bucket.path("Properties").has("LoggingConfiguration"))
                .findFirst()
                .orElseThrow()
                .path("Properties");
        assertThat(files.path("VersioningConfiguration").path("Status").asText())
                .isEqualTo("Enabled");
        assertThat(files.path("LoggingConfiguration")
                        .path("DestinationBucketName")
                        .has("Ref"))
                .isTrue();
    }

    @ForEachEnvironment
    void the_distribution_reads_the_bucket_through_origin_access_control_only(String env) {
        JsonNode template = template(env);
        JsonNode oac = only(template, "AWS::CloudFront::OriginAccessControl").path("OriginAccessControlConfig");
        assertThat(oac.path("OriginAccessControlOriginType").asText()).isEqualTo("s3");
        assertThat(oac.path("SigningBehavior").asText()).isEqualTo("always");
        assertThat(resources(template, "AWS::CloudFront::CloudFrontOriginAccessIdentity"))
                .isEmpty();

        JsonNode origin = distribution(env).path("Origins").path(0);
        assertThat(origin.path("OriginAccessControlId").has("Fn::GetAtt")).isTrue();
        assertThat(origin.path("S3OriginConfig").path("OriginAccessIdentity").asText())
                .isEmpty();
        assertThat(origin.path("OriginPath").asText()).isEqualTo("/console");

        String policies = resources(template, "AWS::S3::BucketPolicy").toString();
        assertThat(policies).contains("cloudfront.amazonaws.com").contains("AWS:SourceArn");
    }

    @ForEachEnvironment
    void viewers_are_redirected_to_https_and_served_the_root_object_with_access_logs(String env) {
        JsonNode distribution = distribution(env);
        assertThat(distribution
                        .path("DefaultCacheBehavior")
                        .path("ViewerProtocolPolicy")
                        .asText())
                .isEqualTo("redirect-to-https");
        assertThat(distribution.path("DefaultRootObject").asText()).isEqualTo("index.html");
        assertThat(distribution.path("Logging").path("Bucket").has("Fn::GetAtt"))
                .isTrue();
        assertThat(distribution.path("Logging").path("Prefix").asText()).isEqualTo("cloudfront/");
        assertThat(distribution.path("PriceClass").asText())
                .isEqualTo(env.equals("prod") ? "PriceClass_All" : "PriceClass_100");
        assertThat(distribution
                        .path("DefaultCacheBehavior")
                        .path("ResponseHeadersPolicyId")
                        .has("Ref"))
                .isTrue();
    }

    @ForEachEnvironment
    void every_response_carries_strict_security_headers(String env) {
        JsonNode headers = only(template(env), "AWS::CloudFront::ResponseHeadersPolicy")
                .path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig");
        String csp = headers.path("ContentSecurityPolicy")
                .path("ContentSecurityPolicy")
                .toString();
        assertThat(csp)
                .contains("default-src 'none'")
                .contains("script-src 'self'")
                .contains("connect-src 'self' ")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(headers.path("StrictTransportSecurity")
                        .path("AccessControlMaxAgeSec")
                        .asLong())
                .isGreaterThanOrEqualTo(31_536_000L);
        assertThat(headers.path("StrictTransportSecurity")
                        .path("IncludeSubdomains")
                        .asBoolean())
                .isTrue();
        assertThat(headers.path("ContentTypeOptions").path("Override").asBoolean())
                .isTrue();
        assertThat(headers.path("FrameOptions").path("FrameOption").asText()).isEqualTo("DENY");
        assertThat(headers.path("ReferrerPolicy").path("ReferrerPolicy").asText())
                .isEqualTo("no-referrer");
    }

    @Test
    void with_a_custom_domain_the_csp_names_this_api_and_nothing_else() {
        String csp = only(template("prod"), "AWS::CloudFront::ResponseHeadersPolicy")
                .path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig")
                .path("ContentSecurityPolicy")
                .path("ContentSecurityPolicy")
                .toString();
        assertThat(csp)
                .contains("connect-src 'self' \",{\"Fn::GetAtt\":[\"HttpApi")
                .contains("\"ApiEndpoint\"]}");
        assertThat(csp).doesNotContain("*");
    }

    @Test
    void on_the_distribution_name_the_csp_names_the_regions_api_hosts_since_the_api_names_the_distribution() {
        String csp = only(template("dev"), "AWS::CloudFront::ResponseHeadersPolicy")
                .path("ResponseHeadersPolicyConfig")
                .path("SecurityHeadersConfig")
                .path("ContentSecurityPolicy")
                .path("ContentSecurityPolicy")
                .toString();
        assertThat(csp).contains("connect-src 'self' https://*.execute-api.").contains("AWS::Region");
    }

    @ForEachEnvironment
    void staging_and_prod_serve_the_custom_domain_with_tls_1_2_and_the_web_acl_dev_its_cloudfront_name(String env) {
        JsonNode distribution = distribution(env);
        if (env.equals("dev")) {
            assertThat(distribution.has("Aliases")).isFalse();
            assertThat(distribution.has("WebACLId")).isFalse();
            return;
        }
        Map<String, String> console = SynthesizeAll.EXAMPLE_CONSOLE_CONTEXT;
        assertThat(distribution.path("Aliases").path(0).asText()).isEqualTo(console.get(ConfigInputs.CONSOLE_DOMAIN));
        assertThat(distribution
                        .path("ViewerCertificate")
                        .path("AcmCertificateArn")
                        .asText())
                .isEqualTo(console.get(ConfigInputs.CONSOLE_CERTIFICATE_ARN));
        assertThat(distribution
                        .path("ViewerCertificate")
                        .path("MinimumProtocolVersion")
                        .asText())
                .isEqualTo("TLSv1.2_2021");
        assertThat(distribution
                        .path("ViewerCertificate")
                        .path("SslSupportMethod")
                        .asText())
                .isEqualTo("sni-only");
        assertThat(distribution.path("WebACLId").asText()).isEqualTo(console.get(ConfigInputs.CONSOLE_WEB_ACL_ARN));
    }

    @ForEachEnvironment
    void the_api_admits_the_console_origin_alone_with_the_headers_the_console_sends_and_reads(String env) {
        JsonNode template = template(env);
        JsonNode cors = only(template, "AWS::ApiGatewayV2::Api").path("CorsConfiguration");
        assertThat(cors.path("AllowOrigins")).hasSize(1);
        JsonNode origin = cors.path("AllowOrigins").path(0);
        if (env.equals("dev")) {
            // https:// + the distribution's own domain name
            assertThat(origin.toString()).contains("https://").contains("DomainName");
        } else {
            assertThat(origin.asText())
                    .isEqualTo("https://" + SynthesizeAll.EXAMPLE_CONSOLE_CONTEXT.get(ConfigInputs.CONSOLE_DOMAIN));
        }
        assertThat(texts(cors.path("AllowHeaders")))
                .containsExactlyInAnyOrder("Authorization", "Content-Type", "Idempotency-Key");
        assertThat(texts(cors.path("ExposeHeaders"))).contains("X-Read-Source");
        assertThat(cors.path("AllowCredentials").asBoolean()).isFalse();
    }

    @ForEachEnvironment
    void the_stack_outputs_what_the_console_deploy_step_reads(String env) {
        JsonNode outputs = template(env).path("Outputs");
        assertThat(outputs.properties().stream().map(Map.Entry::getKey).toList())
                .contains("ConsoleBucket", "ConsoleDistributionId", "ConsoleUrl", "ApiUrl", "ApiAuthorization");
        // every environment authenticates by JWT, dev included (placeholder issuer until one is named)
        assertThat(outputs.path("ApiAuthorization").path("Value").asText()).isEqualTo("jwt");
        {
            assertThat(outputs.path("JwtIssuer").path("Value").asText())
                    .isEqualTo(
                            Synthesized.environment(env).config().authorization()
                                            instanceof
                                            dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization.Jwt
                                                    jwt
                                    ? jwt.issuer()
                                    : "");
            assertThat(outputs.has("JwtAudience")).isTrue();
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
