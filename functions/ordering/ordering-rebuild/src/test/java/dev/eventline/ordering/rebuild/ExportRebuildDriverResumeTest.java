package dev.eventline.ordering.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The local driver resumed from the rebuild's checkpoint: the same export, no file folded twice. */
@WithEmulator
class ExportRebuildDriverResumeTest {
    private final RebuildFixture fixture;
    private final S3Client s3;

    @TempDir
    Path dir;

    ExportRebuildDriverResumeTest(Emulator emulator) {
        this.fixture = new RebuildFixture(emulator);
        var endpoint = emulator.endpoint();
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint.uri())
                .region(endpoint.region())
                .credentialsProvider(endpoint.credentials())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void a_rerun_with_the_checkpoint_waits_for_the_same_export_and_skips_the_files_already_folded()
            throws InterruptedException {
        fixture.placeOrder();
        fixture.placeOrder();
        var dynamoDb = fixture.emulator.dynamoDb();
        dynamoDb.updateContinuousBackups(r -> r.tableName(fixture.eventsTable)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        String bucket = "exports-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        var tables = new GenerationTables(dynamoDb);
        ReadModelTables generation2 = fixture.base.generation(2);
        tables.createLike(fixture.base.orderSummary(), generation2.orderSummary());
        tables.createLike(fixture.base.ordersByCustomer(), generation2.ordersByCustomer());
        var driver = new ExportRebuildDriver(
                dynamoDb,
                s3,
                fixture.eventsTable,
                new ExportFileRebuild(dynamoDb, s3, fixture.eventsTable, fixture.pointers(), fixture.clock),
                fixture.clock,
                d -> Thread.sleep(d.toMillis()));
        var checkpoint = new ScanCheckpoint(dir.resolve("job.checkpoint"), "blue-green-g2", 1);
        List<String> folded = new ArrayList<>();

        var first = driver.run(bucket, 2, Duration.ofSeconds(60), checkpoint, (file, all) -> folded.add(file.key()));
        var rerun = driver.run(bucket, 2, Duration.ofSeconds(60), checkpoint, (file, all) -> folded.add(file.key()));

        assertThat(first.files()).isNotEmpty();
        assertThat(first.streams()).isEqualTo(2);
        assertThat(rerun.exportArn()).isEqualTo(first.exportArn());
        assertThat(rerun.prefix()).isEqualTo(first.prefix());
        assertThat(rerun.files()).isEmpty();
        assertThat(folded).doesNotHaveDuplicates().hasSameSizeAs(first.files());
    }
}
