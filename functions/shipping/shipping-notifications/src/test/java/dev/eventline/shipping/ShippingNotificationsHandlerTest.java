package dev.eventline.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.EventJson;
import dev.eventline.lambda.events.QueueEvent;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithEmulator
class ShippingNotificationsHandlerTest {
    private final Emulator emulator;
    private final String table;
    private ShippingNotificationsHandler handler;

    ShippingNotificationsHandlerTest(Emulator emulator) {
        this.emulator = emulator;
        this.table = emulator.variable(ShippingNotificationsHandler.class, "NOTIFICATIONS_TABLE");
    }

    @BeforeEach
    void emptyTableAndHandler() {
        emulator.dynamoDb()
                .scan(b -> b.tableName(table))
                .items()
                .forEach(item -> emulator.dynamoDb()
                        .deleteItem(b -> b.tableName(table).key(Map.of("eventId", item.get("eventId")))));
        handler = new ShippingNotificationsHandler(
                new LambdaEnvironment(emulator.environmentOf(ShippingNotificationsHandler.class)));
    }

    @Test
    void order_shipped_is_recorded_once_with_its_correlation_and_an_expiry() {
        BatchResponse response = handler.handleRequest(sample("sqs/order-shipped.json"), null);

        assertThat(response.batchItemFailures()).isEmpty();
        Map<String, AttributeValue> item = notification("0b6a5a52-8f5e-4d3c-9d57-5b1f0c2f7e41");
        assertThat(item.get("orderId").s()).isEqualTo("7f0c2d9e");
        assertThat(item.get("carrier").s()).isEqualTo("DHL");
        assertThat(item.get("trackingNumber").s()).isEqualTo("JD014600003828391234");
        assertThat(item.get("correlationId").s()).isEqualTo("c0ffee00-1234-4abc-8def-0123456789ab");
        Instant notifiedAt = Instant.parse(item.get("notifiedAt").s());
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(notifiedAt.plus(Duration.ofDays(90)).getEpochSecond());
    }

    @Test
    void redelivery_of_the_same_event_succeeds_without_a_second_notification() {
        handler.handleRequest(sample("sqs/order-shipped.json"), null);
        String firstNotifiedAt = notification("0b6a5a52-8f5e-4d3c-9d57-5b1f0c2f7e41")
                .get("notifiedAt")
                .s();

        BatchResponse again = handler.handleRequest(sample("sqs/order-shipped.json"), null);

        assertThat(again.batchItemFailures()).isEmpty();
        assertThat(emulator.dynamoDb().scan(b -> b.tableName(table)).count()).isEqualTo(1);
        assertThat(notification("0b6a5a52-8f5e-4d3c-9d57-5b1f0c2f7e41")
                        .get("notifiedAt")
                        .s())
                .isEqualTo(firstNotifiedAt);
    }

    @Test
    void malformed_messages_are_reported_one_by_one_while_the_good_one_is_recorded() {
        BatchResponse response = handler.handleRequest(sample("sqs/order-shipped-mixed-batch.json"), null);

        assertThat(response.batchItemFailures())
                .extracting(BatchResponse.ItemFailure::itemIdentifier)
                .containsExactly(
                        "22222222-2222-4222-8222-222222222222", // body is not JSON
                        "33333333-3333-4333-8333-333333333333", // an OrderPlaced: the rule should never route it here
                        "44444444-4444-4444-8444-444444444444", // no trackingNumber
                        "55555555-5555-4555-8555-555555555555"); // detail is not a CloudEvent
        assertThat(notification("1e2b0000-0000-4000-8000-000000000003")
                        .get("carrier")
                        .s())
                .isEqualTo("UPS");
        assertThat(emulator.dynamoDb().scan(b -> b.tableName(table)).count()).isEqualTo(1);
    }

    @Test
    void a_store_failure_is_reported_not_swallowed() {
        Map<String, String> env = new HashMap<>(emulator.environmentOf(ShippingNotificationsHandler.class));
        env.put("NOTIFICATIONS_TABLE", "no-such-table");
        ShippingNotificationsHandler broken = new ShippingNotificationsHandler(new LambdaEnvironment(env));

        BatchResponse response = broken.handleRequest(sample("sqs/order-shipped.json"), null);

        assertThat(response.batchItemFailures())
                .extracting(BatchResponse.ItemFailure::itemIdentifier)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
    }

    @Test
    void the_lambda_entry_point_reads_the_sqs_json_and_answers_the_partial_batch_response_json() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(
                new ByteArrayInputStream(Files.readAllBytes(Samples.path("sqs/order-shipped-mixed-batch.json"))),
                out,
                null);

        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"batchItemFailures\":["
                        + "{\"itemIdentifier\":\"22222222-2222-4222-8222-222222222222\"},"
                        + "{\"itemIdentifier\":\"33333333-3333-4333-8333-333333333333\"},"
                        + "{\"itemIdentifier\":\"44444444-4444-4444-8444-444444444444\"},"
                        + "{\"itemIdentifier\":\"55555555-5555-4555-8555-555555555555\"}]}");
    }

    @Test
    void the_handler_is_the_stream_handler_the_runtime_prefers_and_the_jar_needs_no_joda_time() {
        assertThat(handler).isInstanceOf(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class);
        assertThatThrownBy(() -> Class.forName("org.joda.time.DateTime")).isInstanceOf(ClassNotFoundException.class);
    }

    private static QueueEvent sample(String name) {
        try {
            return EventJson.queueEvent(Files.readString(Samples.path(name)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, AttributeValue> notification(String eventId) {
        Map<String, AttributeValue> item = emulator.dynamoDb()
                .getItem(b -> b.tableName(table)
                        .key(Map.of("eventId", AttributeValue.fromS(eventId)))
                        .consistentRead(true))
                .item();
        assertThat(item).as("notification for " + eventId).isNotEmpty();
        return item;
    }
}
