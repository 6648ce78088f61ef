package dev.eventline.infrastructure.constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.constructs.Construct;

/**
 * The SNS topic every alarm notifies: encrypted with its own rotating KMS key (the AWS-managed
 * SNS key cannot be used by CloudWatch), TLS only, and publishable by this account's alarms.
 */
public final class AlarmTopic extends Construct {

    private final Topic topic;

    public AlarmTopic(Construct scope, String id, Props props) {
        super(scope, id);
        var stack = Stack.of(this);
        var key = new Key(
                this,
                "Key",
                KeyProps.builder()
                        .alias(props.keyAlias())
                        .description("Encrypts alarm notifications on " + props.topicName())
                        .enableKeyRotation(true)
                        .removalPolicy(props.removalPolicy())
                        .build());
        // in a key policy "*" means this key
        key.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AllowCloudWatchAlarmsToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                .build()));
        this.topic = new Topic(
                this,
                "Topic",
                TopicProps.builder()
                        .topicName(props.topicName())
                        .displayName("Eventline alarms")
                        .masterKey(key)
                        .enforceSsl(true)
                        .build());
        topic.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AllowCloudWatchAlarmsOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "ArnLike",
                        Map.of(
                                "aws:SourceArn",
                                stack.formatArn(ArnComponents.builder()
                                        .service("cloudwatch")
                                        .resource("alarm")
                                        .resourceName("*")
                                        .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME)
                                        .build()))))
                .build()));
    }

    public ITopic topic() {
        return topic;
    }

    /**
     * @param topicName     physical topic name (required)
     * @param keyAlias      alias of the topic's KMS key, {@code alias/...} (required)
     * @param removalPolicy of the key; default RETAIN
     */
    public record Props(String topicName, String keyAlias, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(topicName, "topicName");
            Objects.requireNonNull(keyAlias, "keyAlias");
            if (!keyAlias.startsWith("alias/")) {
                throw new IllegalArgumentException("keyAlias must start with alias/, was " + keyAlias);
            }
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String topicName;
            private String keyAlias;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;

            public Builder topicName(String topicName) {
                this.topicName = topicName;
                return this;
            }

            public Builder keyAlias(String keyAlias) {
                this.keyAlias = keyAlias;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy removalPolicy) {
                this.removalPolicy = removalPolicy;
                return this;
            }

            public Props build() {
                return new Props(topicName, keyAlias, removalPolicy);
            }
        }
    }
}
