package dev.eventline.ordering.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
 *
 * <p>The export steps ({@link #startOrResume}, {@link #await}, {@link #dataPrefix}) are also those of
 * the state machine's driver on AWS. Resumable through a {@link GenerationFill.State}: the export
 * started and the files already folded are recorded there and not done again.
 */
public final class ExportRebuildDriver {
    private static final String EXPORT_ARN = "export.arn";
    private static final String EXPORT_PREFIX = "export.prefix";

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

    /** @param files what each data file's worker did (in this run: files folded by an earlier run are left out) */
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

    /** An export of the events table: its ARN and the S3 prefix it writes under (its own). */
    public record Export(String arn, String bucket, String prefix) {}

    /** Exports, then folds every data file into {@code generation}; fails when the export does within {@code timeout}. */
    public DriverOutcome run(String bucket, long generation, Duration timeout) throws InterruptedException {
        return run(bucket, generation, timeout, ScanCheckpoint.inMemory("export", 1), (file, all) -> {});
    }

    /** Told after each data file is folded; {@code files} is how many the export has. */
    @FunctionalInterface
    public interface FileListener {
        void onFile(ExportFileRebuild.FileOutcome file, int files);
    }

    /**
     * The resumable run: the export recorded in {@code state} is awaited instead of a new one, the
     * files recorded as folded are skipped.
     *
     * @throws GenerationFill.Incomplete when the export failed (forgotten: a rerun exports again) or is
     *     still running after {@code timeout} (kept: a rerun waits for it)
     */
    public DriverOutcome run(
            String bucket, long generation, Duration timeout, GenerationFill.State state, FileListener listener)
            throws InterruptedException {
        Export export = startOrResume(bucket, state);
        await(export, timeout, state, status -> {});
        List<String> files = dataFiles(export);
        List<ExportFileRebuild.FileOutcome> outcomes = new ArrayList<>();
        for (String key : files) {
            if (state.get("file." + key).isPresent()) {
                continue;
            }
            ExportFileRebuild.FileOutcome outcome = worker.rebuild(bucket, key, generation);
            state.put("file." + key, "done");
            outcomes.add(outcome);
            listener.onFile(outcome, files.size());
        }
        return new DriverOutcome(export.arn(), export.prefix(), outcomes);
    }

    /** The export recorded in {@code state}, else a new one (recorded), under its own prefix. */
    public Export startOrResume(String bucket, GenerationFill.State state) {
        Optional<String> arn = state.get(EXPORT_ARN);
        Optional<String> recordedPrefix = state.get(EXPORT_PREFIX);
        if (arn.isPresent() && recordedPrefix.isPresent()) {
            return new Export(arn.get(), bucket, recordedPrefix.get());
        }
        String prefix = "exports/" + eventsTable + "/" + clock.instant().toEpochMilli();
        String tableArn =
                dynamoDb.describeTable(r -> r.tableName(eventsTable)).table().tableArn();
        ExportDescription started = dynamoDb.exportTableToPointInTime(r -> r.tableArn(tableArn)
                        .s3Bucket(bucket)
                        .s3Prefix(prefix)
                        .exportFormat(ExportFormat.DYNAMODB_JSON)
                        .exportTime(clock.instant()))
                .exportDescription();
        state.put(EXPORT_PREFIX, prefix);
        state.put(EXPORT_ARN, started.exportArn());
        return new Export(started.exportArn(), bucket, prefix);
    }

    /**
     * Waits until the export is complete, telling {@code onStatus} each status read.
     *
     * @throws GenerationFill.Incomplete when it failed (then forgotten in {@code state}) or is still
     *     in progress after {@code timeout}
     */
    public ExportDescription await(
            Export export, Duration timeout, GenerationFill.State state, Consumer<ExportDescription> onStatus)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        ExportDescription description = describe(export);
        onStatus.accept(description);
        while (description.exportStatus() == ExportStatus.IN_PROGRESS) {
            if (clock.instant().isAfter(deadline)) {
                throw new GenerationFill.Incomplete(
                        "export " + export.arn() + " still in progress after " + timeout
                                + "; run the rebuild again to keep waiting for it",
                        true);
            }
            sleeper.sleep(Duration.ofSeconds(1));
            description = describe(export);
            onStatus.accept(description);
        }
        if (description.exportStatus() != ExportStatus.COMPLETED) {
            state.remove(EXPORT_ARN);
            state.remove(EXPORT_PREFIX);
            throw new GenerationFill.Incomplete(
                    "export " + export.arn() + " " + description.exportStatusAsString() + ": "
                            + description.failureCode() + " " + description.failureMessage()
                            + "; nothing was switched, running the rebuild again exports again",
                    false);
        }
        return description;
    }

    /** The data files of a completed export (keys with {@code /data/}, ending {@code .gz}). */
    public List<String> dataFiles(Export export) {
        List<String> keys = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(
                        r -> r.bucket(export.bucket()).prefix(export.prefix() + "/AWSDynamoDB/"))
                .contents()) {
            if (object.key().contains("/data/") && object.key().endsWith(".gz")) {
                keys.add(object.key());
            }
        }
        return keys;
    }

    /**
     * {@code <prefix>/AWSDynamoDB/<export id>/data/}, what the state machine lists: read from the first
     * data file's key, as the folder's name is DynamoDB's (moto names it otherwise than the ARN).
     * Empty when the export wrote no data file (an empty table: nothing to fold).
     */
    public Optional<String> dataPrefix(Export export) {
        return dataFiles(export).stream()
                .findFirst()
                .map(key -> key.substring(0, key.indexOf("/data/") + "/data/".length()));
    }

    private ExportDescription describe(Export export) {
        return dynamoDb.describeExport(r -> r.exportArn(export.arn())).exportDescription();
    }
}
