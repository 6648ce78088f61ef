package dev.eventline.ordering.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local stand-in for the distributed rebuild's state machine: exports the events table to S3
 * ({@code ExportTableToPointInTime}, DynamoDB JSON), waits for the export, lists its data files
 * ({@code ListObjectsV2} under {@code <prefix>/AWSDynamoDB/}, the listing the Distributed Map's item
 * reader makes) and runs {@link ExportFileRebuild} over each, one after another, where the state
 * machine runs one child per file. Each export gets its own prefix, so the listing holds its files only.
 */
public final class ExportRebuildDriver {
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final String eventsTable;
    private final ExportFileRebuild worker;
    private final Clock clock;
    private final OrderReadModelRebuild.Sleeper sleeper;

    public ExportRebuildDriver(
            DynamoDbClient dynamoDb,
            S3Client s3,
            String eventsTable,
            ExportFileRebuild worker,
            Clock clock,
            OrderReadModelRebuild.Sleeper sleeper) {
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
        this.eventsTable = eventsTable;
        this.worker = worker;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** @param files what each data file's worker did */
    public record DriverOutcome(String exportArn, String prefix, List<ExportFileRebuild.FileOutcome> files) {
        public DriverOutcome {
            files = List.copyOf(files);
        }

        public long streams() {
            return files.stream()
                    .mapToLong(ExportFileRebuild.FileOutcome::streams)
                    .sum();
        }

        public long events() {
            return files.stream()
                    .mapToLong(ExportFileRebuild.FileOutcome::events)
                    .sum();
        }
    }

    /** Exports, then folds every data file into {@code generation}; fails when the export does within {@code timeout}. */
    public DriverOutcome run(String bucket, long generation, Duration timeout) throws InterruptedException {
        String prefix = "exports/" + eventsTable + "/" + clock.instant().toEpochMilli();
        String tableArn =
                dynamoDb.describeTable(r -> r.tableName(eventsTable)).table().tableArn();
        ExportDescription export = dynamoDb.exportTableToPointInTime(r -> r.tableArn(tableArn)
                        .s3Bucket(bucket)
                        .s3Prefix(prefix)
                        .exportFormat(ExportFormat.DYNAMODB_JSON)
                        .exportTime(clock.instant()))
                .exportDescription();
        Instant deadline = clock.instant().plus(timeout);
        while (export.exportStatus() == ExportStatus.IN_PROGRESS) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException(
                        "export " + export.exportArn() + " still in progress after " + timeout + "; rerun later");
            }
            sleeper.sleep(Duration.ofSeconds(1));
            String arn = export.exportArn();
            export = dynamoDb.describeExport(r -> r.exportArn(arn)).exportDescription();
        }
        if (export.exportStatus() != ExportStatus.COMPLETED) {
            throw new IllegalStateException("export " + export.exportArn() + " " + export.exportStatusAsString() + ": "
                    + export.failureCode() + " " + export.failureMessage());
        }
        List<ExportFileRebuild.FileOutcome> files = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix + "/AWSDynamoDB/"))
                .contents()) {
            if (object.key().contains("/data/") && object.key().endsWith(".gz")) {
                files.add(worker.rebuild(bucket, object.key(), generation));
            }
        }
        return new DriverOutcome(export.exportArn(), prefix, files);
    }
}
