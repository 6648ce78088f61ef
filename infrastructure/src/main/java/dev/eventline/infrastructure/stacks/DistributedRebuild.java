package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import dev.eventline.infrastructure.constructs.TableAccess;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.PolicyStatementProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketProps;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.S3ObjectsItemReader;
import software.amazon.awscdk.services.stepfunctions.S3ObjectsItemReaderProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The distributed rebuild of the ordering read models (issue 10, part 1): the CLI exports the events
 * table into {@link #bucket()} ({@code ExportTableToPointInTime}) and starts {@link #stateMachine()}
 * with {@code {"dataPrefix": "<prefix>/AWSDynamoDB/<export id>/data/", "targetGeneration": n}}; a
 * Distributed Map lists the export's data files and runs {@code ordering-rebuild-worker} on each, at
 * most the worker's reserved concurrency at once. No failed child is tolerated: a failed execution
 * alarms and the CLI keeps the generation pointer where it was.
 */
public final class DistributedRebuild extends Construct {

    /** Exports are only read by the rebuild that follows them: kept this long for a rerun, then expired. */
    public static final int EXPORT_RETENTION_DAYS = 7;
    /** Longer than any rebuild should take; an execution still running then is stopped and alarms. */
    public static final Duration EXECUTION_TIMEOUT = Duration.hours(24);

    private final Bucket bucket;
    private final Bucket logBucket;
    private final EventlineFunction worker;
    private final StateMachine stateMachine;

    DistributedRebuild(
            Construct scope,
            String id,
            Deployment deployment,
            Alerting alerting,
            ITable events,
            ReadModelTable orderSummary,
            ReadModelTable ordersByCustomer,
            ReadModelTable dailySales) {
        super(scope, id);
        var config = deployment.config();
        var names = deployment.names();

        this.logBucket = new Bucket(
                this,
                "AccessLogs",
                BucketProps.builder()
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .encryption(BucketEncryption.S3_MANAGED)
                        .enforceSsl(true)
                        // CDK grants S3's log delivery through the bucket ACL, which needs object-writer ownership
                        .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                        .lifecycleRules(List.of(LifecycleRule.builder()
                                .expiration(Duration.days(90))
                                .build()))
                        .removalPolicy(config.removalPolicy())
                        .build());
        NagSuppressions.addResourceSuppressions(
                logBucket,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-S1")
                        .reason("This bucket is the access log destination of the rebuild export bucket; logging its"
                                + " own access into itself would log every log delivery, without end")
                        .build()));
        this.bucket = new Bucket(
                this,
                "Exports",
                BucketProps.builder()
                        .bucketName(names.rebuildExportBucket(Aws.ACCOUNT_ID, Aws.REGION))
                        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                        .encryption(BucketEncryption.S3_MANAGED)
                        .enforceSsl(true)
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                        .serverAccessLogsBucket(logBucket)
                        .serverAccessLogsPrefix("exports/")
                        // an export holds every event (contacts encrypted): no longer than a rerun needs it
                        .lifecycleRules(List.of(LifecycleRule.builder()
                                .expiration(Duration.days(EXPORT_RETENTION_DAYS))
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build()))
                        .removalPolicy(config.removalPolicy())
                        .build());

        this.worker = new EventlineFunction(
                this,
                "Worker",
                deployment
                        .function(FunctionSpec.ORDERING_REBUILD_WORKER, alerting)
                        .environment("EVENTS_TABLE", events.getTableName())
                        .environment("ORDER_SUMMARY_TABLE", orderSummary.table().getTableName())
                        .environment(
                                "ORDERS_BY_CUSTOMER_TABLE",
                                ordersByCustomer.table().getTableName())
                        .environment("DAILY_SALES_TABLE", dailySales.table().getTableName())
                        .build());
        // Query folds a stream; the generation pointer lives in the order-summary table (GetItem)
        TableAccess.READ.grant(events, worker.grantee());
        orderSummary.grant(worker.grantee(), TableAccess.READ);
        // writes go to the generation being built only, with the projector's version conditions
        orderSummary.grantGenerations(worker.grantee(), TableAccess.PROJECT);
        ordersByCustomer.grantGenerations(worker.grantee(), TableAccess.PROJECT);
        worker.function()
                .addToRolePolicy(new PolicyStatement(PolicyStatementProps.builder()
                        .actions(List.of("s3:GetObject"))
                        .resources(List.of(bucket.arnForObjects("*")))
                        .build()));
        NagSuppressions.addResourceSuppressions(
                worker.grantee().getGrantPrincipal(),
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("the worker reads the export data files the map hands it; their keys carry the"
                                + " export's id, known only at run time: GetObject on the export bucket's objects only")
                        .appliesTo(List.of(RegexAppliesTo.builder()
                                .regex("/^Resource::<.*Exports.*\\.Arn>\\/\\*$/")
                                .build()))
                        .build()),
                true);

        var fold = LambdaInvoke.Builder.create(this, "FoldExportFile")
                .lambdaFunction(worker.alias())
                .payloadResponseOnly(true)
                .retryOnServiceExceptions(true)
                .build();
        // the worker's reserved concurrency is the map's: a throttle is a race of a retried child, wait it out
        fold.addRetry(RetryProps.builder()
                .errors(List.of("Lambda.TooManyRequestsException"))
                .interval(Duration.seconds(5))
                .backoffRate(2)
                .maxAttempts(6)
                .build());

        int concurrency = config.sizing(FunctionSpec.ORDERING_REBUILD_WORKER).reservedConcurrency();
        var map = DistributedMap.Builder.create(this, "FoldEveryExportFile")
                .comment("one child per data file of the export of the events table")
                .itemReader(new S3ObjectsItemReader(S3ObjectsItemReaderProps.builder()
                        .bucket(bucket)
                        .prefix(JsonPath.stringAt("$.dataPrefix"))
                        .build()))
                .itemSelector(childInput(bucket))
                .maxConcurrency(concurrency)
                .toleratedFailurePercentage(0)
                // the children's counts stay in the execution history: gathered, they would pass the 256 KB limit
                .resultPath(JsonPath.DISCARD)
                .build();
        map.itemProcessor(fold);

        var logs = new LogGroup(
                this,
                "StateMachineLogs",
                LogGroupProps.builder()
                        .logGroupName("/aws/vendedlogs/states/" + names.orderingRebuildStateMachine())
                        .retention(config.logRetention())
                        .removalPolicy(config.removalPolicy())
                        .build());
        this.stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineName(names.orderingRebuildStateMachine())
                .comment("distributed rebuild of the ordering read models from an export of the events table")
                .definitionBody(DefinitionBody.fromChainable(map))
                .timeout(EXECUTION_TIMEOUT)
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(logs)
                        .level(LogLevel.ALL)
                        // the execution data are file keys and counts; never needed in the logs
                        .includeExecutionData(false)
                        .build())
                .build();
        NagSuppressions.addResourceSuppressions(
                stateMachine,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("X-Ray and CloudWatch Logs delivery take no resource-level permissions (Resource *);"
                                + " the Distributed Map describes, stops and redrives its own child executions, named"
                                + " at run time under this state machine's execution ARN")
                        .appliesTo(List.of(
                                "Resource::*",
                                RegexAppliesTo.builder()
                                        .regex("/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>"
                                                + ":execution:.*\\*$/")
                                        .build()))
                        .build()),
                true);

        var period = MetricOptions.builder()
                .period(alerting.period())
                .statistic("Sum")
                .build();
        alerting.whenAny(
                this,
                "FailedAlarm",
                names.orderingRebuildStateMachine(),
                "failed",
                stateMachine.metricFailed(period),
                "a distributed rebuild failed (ExecutionsFailed): a child failed or the export could not be listed;"
                        + " the generation pointer was not switched, see the execution's failed child");
        alerting.whenAny(
                this,
                "TimedOutAlarm",
                names.orderingRebuildStateMachine(),
                "timed-out",
                stateMachine.metricTimedOut(period),
                "a distributed rebuild ran longer than " + EXECUTION_TIMEOUT.toHours()
                        + " h (ExecutionsTimedOut): the generation pointer was not switched");
    }

    /** The worker's one-file input; ordered, as Map.of is not, so that the template is the same at every synthesis. */
    private static Map<String, Object> childInput(Bucket bucket) {
        var input = new LinkedHashMap<String, Object>();
        input.put("bucket", bucket.getBucketName());
        input.put("key", JsonPath.stringAt("$$.Map.Item.Value.Key"));
        input.put("targetGeneration", JsonPath.numberAt("$.targetGeneration"));
        return input;
    }

    public Bucket bucket() {
        return bucket;
    }

    public Bucket logBucket() {
        return logBucket;
    }

    public EventlineFunction worker() {
        return worker;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
