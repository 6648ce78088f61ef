package dev.eventline.ordering.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The distributed rebuild's worker, run by the local driver over a real export of the events table
 * (moto writes it to S3 as the service does: gzip DynamoDB JSON lines).
 */
@WithEmulator
class ExportRebuildDriverTest {
    private final RebuildFixture fixture;
    private final S3Client s3;

    ExportRebuildDriverTest(Emulator emulator) {
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
    void every_stream_of_the_export_is_folded_once_into_the_new_generation_whatever_file_holds_its_events()
            throws InterruptedException {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String orderId = fixture.placeOrder();
            fixture.addItem(orderId, "SKU-X" + i);
            if (i % 2 == 0) {
                fixture.confirm(orderId);
            }
            orders.add(orderId);
        }
        var dynamoDb = fixture.emulator.dynamoDb();
        dynamoDb.updateContinuousBackups(r -> r.tableName(fixture.eventsTable)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        String bucket = "exports-" + UUID.randomUUID();
        s3.createBucket(r -> r.bucket(bucket));
        ReadModelTables generation2 = fixture.base.generation(2);
        var tables = new GenerationTables(dynamoDb);
        tables.createLike(fixture.base.orderSummary(), generation2.orderSummary());
        tables.createLike(fixture.base.ordersByCustomer(), generation2.ordersByCustomer());
        var worker = new ExportFileRebuild(dynamoDb, s3, fixture.eventsTable, fixture.pointers(), fixture.clock);
        var driver = new ExportRebuildDriver(
                dynamoDb, s3, fixture.eventsTable, worker, fixture.clock, d -> Thread.sleep(d.toMillis()));

        ExportRebuildDriver.DriverOutcome outcome = driver.run(bucket, 2, Duration.ofSeconds(60));

        assertThat(outcome.files()).isNotEmpty();
        assertThat(outcome.files())
                .allSatisfy(file -> assertThat(file.unfoldable()).isEmpty());
        // one version-1 item per stream in the whole export: each stream folded exactly once
        assertThat(outcome.streams()).isEqualTo(orders.size());
        assertThat(outcome.events()).isEqualTo(orders.size() * 2L + 3);
        for (String orderId : orders) {
            assertThat(summary(generation2.orderSummary(), orderId))
                    .map(ProjectedOrder::state)
                    .contains(fixture.fold(orderId).state());
        }

        // a retried child writes the same items again: nothing changes, nothing goes back
        var again = worker.rebuild(bucket, outcome.files().getFirst().key(), 2);
        assertThat(again.streams()).isEqualTo(outcome.files().getFirst().streams());
        for (String orderId : orders) {
            assertThat(summary(generation2.orderSummary(), orderId))
                    .map(ProjectedOrder::version)
                    .contains(fixture.fold(orderId).version());
        }
    }

    private Optional<ProjectedOrder> summary(String table, String orderId) {
        Map<String, AttributeValue> item = fixture.emulator
                .dynamoDb()
                .getItem(r ->
                        r.tableName(table).key(OrderSummaryItem.key(orderId)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderSummaryItem.fromItem(item));
    }
}
