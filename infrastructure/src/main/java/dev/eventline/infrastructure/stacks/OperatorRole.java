package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicyProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * {@code eventline-<env>-operator}: the role an operator assumes to run {@code ./eventline} against an
 * environment (rebuild, backfill, verify, stream show, lag, dlq redrive, archive replay), holding what
 * those commands call and nothing else, each statement on the resources it names. Assumable by the
 * principal in the CDK context {@value #PRINCIPAL_CONTEXT}; by default the account's root, i.e. any
 * identity of the account whose own policy allows {@code sts:AssumeRole} on it, and only with MFA.
 *
 * <p>Resources by name ({@link ResourceNames}), so the accounts context's tables, queue and function
 * (another stack) are named without a cross-stack reference. Wildcards only where the names exist at
 * run time: the read-model generations {@code <table>-g*}, an export's and an execution's or Map run's
 * id, a replay's name (cdk-nag IAM5, suppressed for exactly those, listed in docs/deploy.md).
 */
public final class OperatorRole extends Construct {
    /** CDK context: the ARN of the principal that may assume the role (a role, a user, an account root). */
    public static final String PRINCIPAL_CONTEXT = "operatorPrincipalArn";

    static final List<String> ITEM_READ = List.of(
            "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan");
    static final List<String> ITEM_WRITE =
            List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    /** What a blue-green rebuild does to the generations it creates and retires (GenerationTables). */
    static final List<String> GENERATION_TABLES = List.of(
            "dynamodb:CreateTable",
            "dynamodb:DescribeTable",
            "dynamodb:UpdateTable",
            "dynamodb:DeleteTable",
            "dynamodb:DescribeContinuousBackups",
            "dynamodb:UpdateContinuousBackups");

    static final List<String> DEAD_LETTERS = List.of(
            "sqs:GetQueueUrl",
            "sqs:GetQueueAttributes",
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility");

    private final Role role;

    OperatorRole(
            Construct scope,
            String id,
            Deployment deployment,
            IStateMachine rebuild,
            IBucket exportBucket,
            Optional<IKey> orderingKey) {
        super(scope, id);
        ResourceNames names = deployment.names();
        Object configured = getNode().tryGetContext(PRINCIPAL_CONTEXT);
        IPrincipal principal = configured == null || configured.toString().isBlank()
                ? new AccountRootPrincipal()
                        .withConditions(Map.of("Bool", Map.of("aws:MultiFactorAuthPresent", "true")))
                : new ArnPrincipal(configured.toString().strip());
        this.role = new Role(
                this,
                "Role",
                RoleProps.builder()
                        .roleName(names.of("operator"))
                        .description("runs ./eventline against " + names.env()
                                + ": rebuild, backfill, verify, stream, lag, dlq redrive, archive replay")
                        .assumedBy(principal)
                        .maxSessionDuration(Duration.hours(12))
                        .build());

        List<PolicyStatement> statements = new ArrayList<>();
        String orderingEvents = table(names.orderingEventsTable());
        // stream show, lag, verify and the rebuild's scan and folds; redrive finds streams by arrival time
        statements.add(allow(ITEM_READ, List.of(orderingEvents, table(names.accountsEventsTable()))));
        statements.add(allow(
                List.of("dynamodb:ExportTableToPointInTime", "dynamodb:DescribeContinuousBackups"),
                List.of(orderingEvents)));
        statements.add(allow(List.of("dynamodb:DescribeExport"), List.of(orderingEvents + "/export/*")));
        // consumers' checkpoints (lag, redrive)
        statements.add(allow(
                List.of("dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"),
                List.of(table(names.orderingPublisherCheckpointsTable()))));
        // the read models' generation 1 (the pointer lives there): rebuild, backfill, verify --repair
        List<String> readModels = List.of(table(names.orderSummaryTable()), table(names.ordersByCustomerTable()));
        statements.add(allow(concat(ITEM_READ, ITEM_WRITE, List.of("dynamodb:DescribeContinuousBackups")), readModels));
        List<String> generations = new ArrayList<>();
        for (String base : List.of(names.orderSummaryTable(), names.ordersByCustomerTable())) {
            generations.add(table(base + ReadModelTable.GENERATION_SUFFIX + "*"));
            generations.add(table(base + ReadModelTable.GENERATION_SUFFIX + "*/index/*"));
        }
        statements.add(allow(concat(GENERATION_TABLES, ITEM_READ, ITEM_WRITE), generations));

        // the export writes with the caller's rights; the local listing and the CLI's reads
        statements.add(allow(
                List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:GetObject"),
                List.of(exportBucket.arnForObjects("exports/*"))));
        statements.add(allow(List.of("s3:ListBucket"), List.of(exportBucket.getBucketArn())));

        String machine = rebuild.getStateMachineArn();
        String machineName = names.orderingRebuildStateMachine();
        statements.add(allow(
                List.of("states:StartExecution", "states:DescribeStateMachine", "states:ListExecutions"),
                List.of(machine)));
        statements.add(allow(
                List.of("states:DescribeExecution", "states:ListMapRuns", "states:StopExecution"),
                List.of(arn("states", "execution", machineName + ":*", ArnFormat.COLON_RESOURCE_NAME))));
        statements.add(allow(
                List.of("states:DescribeMapRun"),
                List.of(arn("states", "mapRun", machineName + "/*", ArnFormat.COLON_RESOURCE_NAME))));

        // dlq list/show/redrive; a queue's own dead letters go back to it
        List<String> queues = List.of(
                names.orderingProjectorDlq(),
                names.orderingPublisherDlq(),
                names.shippingNotificationsDlq(),
                names.shippingRuleDlq(),
                names.accountsSnapshotChaserDlq(),
                names.accountsProjectorDlq());
        statements.add(allow(DEAD_LETTERS, queues.stream().map(this::queue).toList()));
        statements.add(allow(
                List.of("sqs:GetQueueUrl", "sqs:SendMessage"), List.of(queue(names.shippingNotificationsQueue()))));
        // redrive through the consumers' live aliases (a stream record rebuilt from the events table)
        statements.add(allow(
                List.of("lambda:InvokeFunction"),
                List.of(
                                FunctionSpec.ORDERING_PROJECTOR,
                                FunctionSpec.ORDERING_PUBLISHER,
                                FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)
                        .stream()
                        .map(spec -> arn(
                                "lambda", "function", names.function(spec) + ":live", ArnFormat.COLON_RESOURCE_NAME))
                        .toList()));
        // archive replay
        String archive = arn("events", "archive", names.eventArchive(), ArnFormat.SLASH_RESOURCE_NAME);
        statements.add(allow(List.of("events:StartReplay", "events:DescribeArchive"), List.of(archive)));
        statements.add(allow(
                List.of("events:DescribeReplay"),
                List.of(arn("events", "replay", "*", ArnFormat.SLASH_RESOURCE_NAME))));
        orderingKey.ifPresent(key -> statements.add(allow(
                List.of(
                        "kms:Decrypt",
                        "kms:Encrypt",
                        "kms:GenerateDataKey",
                        "kms:DescribeKey",
                        // a new generation is encrypted with the context's key: DynamoDB takes a grant for it
                        "kms:CreateGrant"),
                List.of(key.getKeyArn()))));

        var policy = new ManagedPolicy(
                this,
                "Policy",
                ManagedPolicyProps.builder()
                        .managedPolicyName(names.of("operator"))
                        .description("what ./eventline calls, resource by resource (docs/operations.md)")
                        .statements(statements)
                        .roles(List.of(role))
                        .build());
        NagSuppressions.addResourceSuppressions(
                policy,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("names known only at run time: read-model generations <table>-g<n> and their indexes"
                                + " (created by a rebuild), an export's id, an execution's, a Map run's and a"
                                + " replay's name, and the objects under the export bucket's exports/ prefix")
                        .appliesTo(List.of(
                                regex(":table\\/(" + names.orderSummaryTable() + "|" + names.ordersByCustomerTable()
                                        + ")-g\\*(\\/index\\/\\*)?$"),
                                regex(":table\\/" + names.orderingEventsTable() + "\\/export\\/\\*$"),
                                regex(":execution:" + machineName + ":\\*$"),
                                regex(":mapRun:" + machineName + "\\/\\*$"),
                                regex(":replay\\/\\*$"),
                                regex("\\/exports\\/\\*$")))
                        .build()));
    }

    public Role role() {
        return role;
    }

    private static RegexAppliesTo regex(String tail) {
        return RegexAppliesTo.builder().regex("/^Resource::.*" + tail + "/").build();
    }

    private String table(String name) {
        return arn("dynamodb", "table", name, ArnFormat.SLASH_RESOURCE_NAME);
    }

    private String queue(String name) {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service("sqs")
                        .resource(name)
                        .arnFormat(ArnFormat.NO_RESOURCE_NAME)
                        .build());
    }

    private String arn(String service, String resource, String name, ArnFormat format) {
        return Stack.of(this)
                .formatArn(ArnComponents.builder()
                        .service(service)
                        .resource(resource)
                        .resourceName(name)
                        .arnFormat(format)
                        .build());
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return new PolicyStatement(PolicyStatementProps.builder()
                .actions(List.copyOf(new java.util.LinkedHashSet<>(actions)))
                .resources(resources)
                .build());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
