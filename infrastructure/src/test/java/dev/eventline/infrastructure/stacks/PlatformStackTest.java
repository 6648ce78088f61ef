package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.constructs.SchemaCatalog;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class PlatformStackTest {

    @ForEachEnvironment
    void theBusIsNamedForTheEnvironmentAndArchivedForTheConfiguredDays(String env) {
        var synthesized = Synthesized.environment(env);
        Template platform = synthesized.platform();
        String bus = logicalId(platform, "AWS::Events::EventBus", "Name", "eventline-" + env);
        platform.hasResourceProperties(
                "AWS::Events::Archive",
                Match.objectLike(Map.of(
                        "ArchiveName", synthesized.names().eventArchive(),
                        "SourceArn", Map.of("Fn::GetAtt", List.of(bus, "Arn")),
                        "RetentionDays",
                                (int) synthesized.config().archiveRetention().toDays())));
    }

    @ForEachEnvironment
    void theSchemaRegistryHoldsTheLatestVersionOfEverySchemaInTheRepository(String env) {
        var synthesized = Synthesized.environment(env);
        Template platform = synthesized.platform();
        platform.hasResourceProperties(
                "AWS::EventSchemas::Registry",
                Map.of("RegistryName", "eventline-" + env, "Description", Match.anyValue()));
        var expected = synthesized.stacks().platform().schemaRegistry().schemas();
        assertThat(expected)
                .isEqualTo(SchemaCatalog.latestIn(
                        dev.eventline.infrastructure.assets.RepositoryRoot.locate(java.util.Optional.empty())
                                .resolve("schemas")));
        platform.resourceCountIs("AWS::EventSchemas::Schema", expected.size());
        for (var schema : expected) {
            platform.hasResourceProperties(
                    "AWS::EventSchemas::Schema",
                    Match.objectLike(Map.of(
                            "RegistryName",
                            "eventline-" + env,
                            "SchemaName",
                            schema.schemaName(),
                            "Type",
                            "JSONSchemaDraft4",
                            "Content",
                            schema.content())));
            assertThat(schema.content())
                    .as("the registry is told draft 4")
                    .contains("http://json-schema.org/draft-04/schema#")
                    .doesNotContain("draft-07");
        }
    }

    @ForEachEnvironment
    void alarmsGoToAnEncryptedTopicThatCloudWatchMayUse(String env) {
        var synthesized = Synthesized.environment(env);
        Template platform = synthesized.platform();
        var topic = properties(resource(
                platform, "AWS::SNS::Topic", "TopicName", synthesized.names().alarmTopic()));
        String key = logicalIdOfAlias(platform, synthesized.names().alarmTopicKeyAlias());
        assertThat(topic.get("KmsMasterKeyId")).isEqualTo(Map.of("Fn::GetAtt", List.of(key, "Arn")));
        platform.hasResourceProperties(
                "AWS::KMS::Alias",
                Map.of(
                        "AliasName", synthesized.names().alarmTopicKeyAlias(),
                        "TargetKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        var cloudWatchMayUseTheKey = Match.objectLike(Map.of(
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*")));
        platform.hasResourceProperties(
                "AWS::KMS::Key",
                Match.objectLike(Map.of(
                        "EnableKeyRotation",
                        true,
                        "KeyPolicy",
                        Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(cloudWatchMayUseTheKey)))))));
        var tlsOnly = Match.objectLike(
                Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
        var cloudWatchMayPublish = Match.objectLike(Map.of(
                "Effect",
                "Allow",
                "Action",
                "sns:Publish",
                "Principal",
                Map.of("Service", "cloudwatch.amazonaws.com")));
        platform.hasResourceProperties(
                "AWS::SNS::TopicPolicy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(
                                Map.of("Statement", Match.arrayWith(List.of(tlsOnly, cloudWatchMayPublish)))))));
        var keyResource =
                platform.findResources("AWS::KMS::Key").values().iterator().next();
        assertThat(keyResource).containsEntry("DeletionPolicy", env.equals("dev") ? "Delete" : "Retain");
    }

    @ForEachEnvironment
    void stacksAreNamedPerEnvironmentAndProtectedOutsideDev(String env) {
        var synthesized = Synthesized.environment(env);
        assertThat(synthesized.allStacks())
                .extracting(stack -> stack.getStackName())
                .containsExactly(
                        "Eventline-" + env + "-Platform", "Eventline-" + env + "-Ordering",
                        "Eventline-" + env + "-Accounts", "Eventline-" + env + "-Api");
        assertThat(synthesized.allStacks())
                .allSatisfy(
                        stack -> assertThat(stack.getTerminationProtection()).isEqualTo(!env.equals("dev")));
        assertThat(synthesized.stacks().api().getDependencies())
                .contains(synthesized.stacks().ordering(), synthesized.stacks().accounts());
        assertThat(synthesized.stacks().ordering().getDependencies())
                .contains(synthesized.stacks().platform());
    }

    /** The key behind an alias: the platform has the alarm topic's key, and in staging and prod the archive's. */
    @SuppressWarnings("unchecked")
    private static String logicalIdOfAlias(Template template, String alias) {
        var target = (Map<String, Object>) properties(resource(template, "AWS::KMS::Alias", "AliasName", alias))
                .get("TargetKeyId");
        return ((List<String>) target.get("Fn::GetAtt")).getFirst();
    }

    @ForEachEnvironment
    void in_staging_and_prod_the_bus_archive_is_encrypted_with_the_platform_s_rotating_key(String env) {
        var synthesized = Synthesized.environment(env);
        Template platform = synthesized.platform();
        var archive = properties(platform.findResources("AWS::Events::Archive")
                .values()
                .iterator()
                .next());
        if (!synthesized.config().customerManagedKeys()) {
            assertThat(archive.getOrDefault("KmsKeyIdentifier", "")).isEqualTo("");
            return;
        }
        String key = logicalIdOfAlias(platform, synthesized.names().contextKeyAlias("platform"));
        assertThat(archive.get("KmsKeyIdentifier")).isEqualTo(Map.of("Fn::GetAtt", List.of(key, "Arn")));
        assertThat(properties(platform.findResources("AWS::KMS::Key").get(key)))
                .containsEntry("EnableKeyRotation", true);
    }
}
