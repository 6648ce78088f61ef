package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.ordering.OrderConfirmed;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.PaymentCaptured;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.readmodel.OrderSummaryItem;
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Crypto-shredding end to end, against moto's KMS and DynamoDB: a customer's contact travels
 * sealed through the events, the projector and the read model; the query API opens it while the
 * customer's key exists; after erasure every copy, the immutable events and a rebuilt read model
 * included, shows it as erased, while the order's lines, totals and history remain.
 */
@WithEmulator
class PersonalDataErasureTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");
    private static final String CONTACT =
            "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"shippingAddress\":\"12 St James's Square\"}";

    private final QueryApiHarness harness;
    private final PersonalDataVault vault;
    private final LambdaEnvironment env;

    PersonalDataErasureTest(Emulator emulator) {
        this.harness = new QueryApiHarness(emulator);
        this.env = new LambdaEnvironment(emulator.environmentOf(QueryApiHandler.class));
        // the command API's side of it: the same key alias and keys table the template gives both functions
        this.vault = new PersonalDataVault(
                emulator.endpoint().kms(),
                emulator.dynamoDb(),
                env.require(PersonalDataVault.MASTER_KEY_VARIABLE),
                env.require(PersonalDataVault.KEYS_TABLE_VARIABLE),
                harness.clock);
    }

    private String placePaidOrder(String customerId) {
        String orderId = QueryApiHarness.newId("o");
        String sealed = vault.session().seal(customerId, CONTACT).text();
        harness.append(List.of(
                new OrderPlaced(orderId, customerId, "EUR", List.of(new OrderLine("MUG", 2, 1999)), T, sealed),
                new OrderConfirmed(orderId, 3998, T.plusSeconds(1)),
                new PaymentCaptured(orderId, 3998, "EUR", T.plusSeconds(2))));
        harness.project();
        return orderId;
    }

    @Test
    void the_contact_is_stored_and_projected_sealed_and_shown_to_readers_while_the_customer_has_a_key() {
        String customerId = QueryApiHarness.newId("c");
        String orderId = placePaidOrder(customerId);

        JsonNode order = harness.get("/orders/" + orderId).body();

        assertThat(order.at("/customer/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(order.at("/customer/email").asText()).isEqualTo("ada@example.com");
        assertThat(order.at("/customer/erased").asBoolean()).isFalse();
        assertThat(rawEvents(orderId))
                .doesNotContain("Ada", "ada@example.com", "St James")
                .contains("pii1.");
        assertThat(rawSummary(orderId)).doesNotContain("Ada", "ada@example.com", "St James");
    }

    @Test
    void after_erasure_events_read_models_and_a_rebuild_show_the_contact_as_erased_and_keep_the_order() {
        String customerId = QueryApiHarness.newId("c");
        String orderId = placePaidOrder(customerId);
        String otherCustomer = QueryApiHarness.newId("c");
        String otherOrder = placePaidOrder(otherCustomer);

        assertThat(vault.erase(customerId)).isTrue();

        JsonNode projected = harness.get("/orders/" + orderId).body();
        assertErasedButWhole(projected);
        JsonNode folded = harness.get("/orders/" + orderId, Map.of("asOf", "1")).body();
        assertThat(folded.at("/customer/erased").asBoolean())
                .as("folded from the events")
                .isTrue();
        assertThat(harness.get("/orders/" + orderId + "/events")
                        .body()
                        .at("/events")
                        .size())
                .as("history stays")
                .isEqualTo(3);

        // rebuild: the read model is dropped and projected again from the immutable events
        harness.emulator
                .dynamoDb()
                .deleteItem(r -> r.tableName(env.require("ORDER_SUMMARY_TABLE")).key(OrderSummaryItem.key(orderId)));
        assertThat(harness.projector.redrive(OrderCommands.streamId(orderId), 1))
                .isInstanceOf(dev.eventline.streams.SliceOutcome.Completed.class);
        assertErasedButWhole(harness.get("/orders/" + orderId).body());

        assertThat(harness.get("/orders/" + otherOrder)
                        .body()
                        .at("/customer/name")
                        .asText())
                .as("another customer is untouched")
                .isEqualTo("Ada Lovelace");
    }

    private static void assertErasedButWhole(JsonNode order) {
        assertThat(order.at("/customer/erased").asBoolean()).isTrue();
        assertThat(order.at("/customer/name").asText()).isEqualTo("[erased]");
        assertThat(order.at("/customer/email").asText()).isEqualTo("[erased]");
        assertThat(order.at("/customer/shippingAddress").asText()).isEqualTo("[erased]");
        assertThat(order.at("/total").asLong()).isEqualTo(3998);
        assertThat(order.at("/amountPaid").asLong()).isEqualTo(3998);
        assertThat(order.at("/status").asText()).isEqualTo("PAID");
        assertThat(order.at("/lines/0/sku").asText()).isEqualTo("MUG");
    }

    private String rawEvents(String orderId) {
        return harness.emulator
                .dynamoDb()
                .query(r -> r.tableName(env.require("EVENTS_TABLE"))
                        .keyConditionExpression("streamId = :s")
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(OrderCommands.streamId(orderId)))))
                .items()
                .toString();
    }

    private String rawSummary(String orderId) {
        return harness.emulator
                .dynamoDb()
                .getItem(r -> r.tableName(env.require("ORDER_SUMMARY_TABLE")).key(OrderSummaryItem.key(orderId)))
                .item()
                .toString();
    }
}
