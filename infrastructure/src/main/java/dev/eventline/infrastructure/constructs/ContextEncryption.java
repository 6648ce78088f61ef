package dev.eventline.infrastructure.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.sqs.CfnQueue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * One customer-managed key per bounded context (rotation on), and everything of that context's
 * stack encrypted with it: every DynamoDB table (events, idempotency, snapshots, read models,
 * personal-data keys), every SQS queue (dead-letter queues included) and every log group. Applied
 * as an aspect, so a table or queue added later is covered without anyone remembering to; only
 * the grants stay explicit ({@link #grantUse}).
 *
 * <p>The key policy lets the services that write on the context's behalf use it: CloudWatch Logs
 * (for this account's log groups only) and EventBridge (rule targets and dead-letter queues, this
 * account only).
 */
public final class ContextEncryption extends Construct {

    /** What a function of the context needs to read and write encrypted tables, queues and logs. */
    public static final List<String> USE = List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");

    private final Key key;

    public ContextEncryption(Construct scope, String id, Props props) {
        super(scope, id);
        Stack stack = Stack.of(this);
        this.key = new Key(
                this,
                "Key",
                KeyProps.builder()
                        .alias(props.keyAlias())
                        .description("Encrypts the tables, queues and log groups of " + props.context())
                        .enableKeyRotation(true)
                        .removalPolicy(props.removalPolicy())
                        .build());
        // in a key policy "*" means this key
        key.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AllowCloudWatchLogsOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of(
                        "kms:Encrypt",
                        "kms:Decrypt",
                        "kms:ReEncryptFrom",
                        "kms:ReEncryptTo",
                        "kms:GenerateDataKey",
                        "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of(
                        "ArnLike",
                        Map.of(
                                "kms:EncryptionContext:aws:logs:arn",
                                "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                                        + ":log-group:*")))
                .build()));
        key.addToResourcePolicy(new PolicyStatement(PolicyStatementProps.builder()
                .sid("AllowEventBridgeOfThisAccount")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                .build()));
        Aspects.of(stack).add(new EncryptWith(key));
    }

    public IKey key() {
        return key;
    }

    /** Decrypt, Encrypt, GenerateDataKey on this key only: no wildcard actions. */
    public void grantUse(IGrantable grantee) {
        key.grant(grantee, USE.toArray(String[]::new));
    }

    /**
     * {@link #USE} on another context's key, for a function reading (or deleting items of) one of that
     * context's tables from this stack: the key is known only by its alias here, so the statement names
     * the account's keys and the condition narrows it to exactly the one that alias points at.
     */
    public static void grantUseByAlias(Construct scope, IGrantable grantee, String keyAlias, String why) {
        Stack stack = Stack.of(scope);
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(new PolicyStatement(PolicyStatementProps.builder()
                        .effect(Effect.ALLOW)
                        .actions(USE)
                        .resources(List.of("arn:" + stack.getPartition() + ":kms:" + stack.getRegion() + ":"
                                + stack.getAccount() + ":key/*"))
                        .conditions(Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", keyAlias)))
                        .build()));
        NagSuppressions.addResourceSuppressions(
                grantee.getGrantPrincipal(),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("another context's key, known here by its alias only: key/* of this account and"
                                + " region, narrowed by kms:ResourceAliases to " + keyAlias + " (" + why + ")")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::arn:.*:kms:.*:key\\/\\*$/")
                                .build()))
                        .build()),
                true);
    }

    /** Sets the key on every table, queue and log group of the stack, at synthesis. */
    private record EncryptWith(IKey key) implements IAspect {
        @Override
        public void visit(IConstruct node) {
            switch (node) {
                case CfnTable table ->
                    table.setSseSpecification(CfnTable.SSESpecificationProperty.builder()
                            .sseEnabled(true)
                            .sseType("KMS")
                            .kmsMasterKeyId(key.getKeyArn())
                            .build());
                case CfnQueue queue -> {
                    queue.setSqsManagedSseEnabled((Boolean) null);
                    queue.setKmsMasterKeyId(key.getKeyArn());
                }
                case CfnLogGroup logGroup -> logGroup.setKmsKeyId(key.getKeyArn());
                default -> {}
            }
        }
    }

    /**
     * @param context       the bounded context, for the key's description (required)
     * @param keyAlias      {@code alias/...} (required)
     * @param removalPolicy of the key; RETAIN outside dev (a deleted key makes its data unreadable)
     */
    public record Props(String context, String keyAlias, RemovalPolicy removalPolicy) {
        public Props {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(keyAlias, "keyAlias");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
        }
    }
}
