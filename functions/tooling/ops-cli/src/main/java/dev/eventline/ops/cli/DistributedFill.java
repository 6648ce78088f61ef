package dev.eventline.ops.cli;

import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.rebuild.ExportFileRebuild;
import dev.eventline.ordering.rebuild.ExportRebuildDriver;
import dev.eventline.ordering.rebuild.GenerationFill;
import dev.eventline.ordering.rebuild.LocalExportFill;
import dev.eventline.ordering.rebuild.OrderReadModelRebuild;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code --strategy distributed}: the fill of the blue-green rebuild from an export of the events
 * table, into the bucket {@code eventline-<env>-rebuild-exports-<account>-<region>} (the account and
 * region the credentials belong to). Locally the worker's code runs here over each file
 * ({@link LocalExportFill}); on AWS the stack's state machine runs it ({@link StateMachineFill}).
 */
record DistributedFill(GenerationFill fill, StateMachineFill onAws) {
    static final Duration POLL = Duration.ofSeconds(5);

    StateMachineFill.Result result() {
        return onAws == null ? null : onAws.result().orElse(null);
    }

    static DistributedFill of(Ops ops, Duration timeout, Consumer<String> status) {
        Clients clients = ops.clients();
        ResourceNames names = ops.target().names();
        GetCallerIdentityResponse caller = clients.sts().getCallerIdentity();
        String partition = caller.arn().split(":")[1];
        String region = clients.sts().serviceClientConfiguration().region().id();
        String bucket = names.rebuildExportBucket(caller.account(), region);
        String eventsTable = names.orderingEventsTable();
        DynamoDbClient dynamoDb = clients.dynamoDb();
        S3Client s3 = clients.s3();
        OrderReadModelRebuild.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        GenerationPointers pointers = ReadModelNames.pointers(ops, ReadModelNames.tables(ops, "order-summary"));
        var worker = new ExportFileRebuild(dynamoDb, s3, eventsTable, pointers, ops.clock());
        var driver = new ExportRebuildDriver(dynamoDb, s3, eventsTable, worker, ops.clock(), sleeper);
        return switch (ops.target()) {
            case Target.Local local -> {
                prepareLocal(dynamoDb, s3, bucket, eventsTable);
                yield new DistributedFill(new LocalExportFill(driver, bucket, timeout, ops.clock()), null);
            }
            case Target.Aws aws -> {
                var onAws = new StateMachineFill(
                        driver,
                        clients.sfn(),
                        bucket,
                        names.orderingRebuildStateMachineArn(partition, region, caller.account()),
                        timeout,
                        POLL,
                        ops.clock(),
                        sleeper,
                        status);
                yield new DistributedFill(onAws, onAws);
            }
        };
    }

    /**
     * The local templates' export bucket and PITR are not provisioned by the emulator (it creates
     * tables, queues and buses): the first distributed rebuild creates them, as the stack does on AWS.
     */
    private static void prepareLocal(DynamoDbClient dynamoDb, S3Client s3, String bucket, String eventsTable) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        dynamoDb.updateContinuousBackups(r ->
                r.tableName(eventsTable).pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    }
}
